/**
 * The generated template workbooks (templates/xlsx/*.xlsx), each its own lazily loaded asset: nothing is
 * fetched until the user inserts or downloads that file.
 */
const FILES = import.meta.glob<string>('../../../templates/xlsx/*.xlsx', { query: '?base64', import: 'default' });

export const STARTER_ID = 'starter';

function idOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.xlsx$/, '');
  return /starter/i.test(name) ? STARTER_ID : name;
}

const BY_ID = new Map(
  Object.entries(FILES).map(([path, load]) => [idOf(path), { load, fileName: path.slice(path.lastIndexOf('/') + 1) }]),
);

export function hasFile(id: string): boolean {
  return BY_ID.has(id);
}

export function fileName(id: string): string {
  return BY_ID.get(id)?.fileName ?? `${id}.xlsx`;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file's bytes as base64 (for insertWorksheetsFromBase64), or undefined when it is not in this build. */
export async function fileBase64(id: string): Promise<string | undefined> {
  return BY_ID.get(id)?.load();
}

/** The file as a data: URL, for downloads outside Excel. */
export async function fileDataUrl(id: string): Promise<string | undefined> {
  const base64 = await fileBase64(id);
  return base64 === undefined ? undefined : `data:${XLSX_MIME};base64,${base64}`;
}
