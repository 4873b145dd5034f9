import JSZip from 'jszip';
import { CONTENT_TYPES } from './opc.js';

/** Every date written into a template file: fixed, so the same specs always give byte-identical files. */
export const FIXED_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

function entryOrder(a: string, b: string): number {
  // [Content_Types].xml first (some readers stream the zip and want it early), then plain code-point order.
  if (a === CONTENT_TYPES) return -1;
  if (b === CONTENT_TYPES) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Re-zips a package with a fixed entry order and fixed entry timestamps (JSZip writes them in UTC, so the
 * machine's time zone does not leak in either), and no folder entries.
 */
export async function deterministicZip(zip: JSZip): Promise<Uint8Array> {
  const out = new JSZip();
  const names = Object.keys(zip.files)
    .filter((name) => !zip.files[name]?.dir)
    .sort(entryOrder);
  for (const name of names) {
    const file = zip.file(name);
    if (file) out.file(name, await file.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
