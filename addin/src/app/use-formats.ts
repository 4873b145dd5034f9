import { formatsFor, type Formats } from './format.ts';
import { useServices } from './services.ts';

/** The formats of Office's display language (the browser's when Office gives none). Views only: not the shell. */
export function useFormats(): Formats {
  const locale = useServices().locale;
  return formatsFor(locale ?? (typeof navigator === 'undefined' ? undefined : navigator.language));
}
