import { fileURLToPath } from 'node:url';

/** The file Vite bundles into the one classic script the browser tests serve at office.js's CDN URL. */
export const OFFICE_STANDIN_ENTRY = fileURLToPath(new URL('./office-standin.ts', import.meta.url));
