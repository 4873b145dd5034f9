// The adapter: the only folder of the pane that touches Office.js.
export * from './types.ts';
export { createExcelPort, type ExcelPortOptions, type ExcelRun } from './excel-port.ts';
export { detectHost, type HostStatus } from './host.ts';
export { planChunks, MAX_CELLS_PER_CHUNK } from './chunks.ts';
