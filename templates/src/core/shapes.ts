/**
 * An object with the given keys, in that order, every value null: a template to copy ({ ...shape }) when many
 * objects of one layout are made, such as a sheet's rows. Made by JSON.parse, which lays every key out inside the
 * object itself; an object grown key by key keeps most of them in a separate, larger store. Every copy must have
 * each of its keys assigned before use, since the template's values are null.
 */
export function objectShape(keys: readonly string[]): Readonly<Record<string, null>> {
  return JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, null>;
}
