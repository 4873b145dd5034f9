/** Where the pane is running, learned once from Office.onReady. */
export type HostStatus =
  | { kind: 'excel'; insertFromBase64: boolean; sheetMarkers: boolean; dataValidation: boolean }
  | { kind: 'excel-too-old' }
  | { kind: 'outside-excel'; reason: string };

/** Requirement sets the pane needs: 1.7 for the basics (getRangeByIndexes, charts), 1.13 to insert files. */
export const MIN_EXCEL_API = '1.7';

/**
 * Waits for office.js. Outside Office (a plain browser tab), onReady resolves with no host; when office.js did
 * not load at all (offline, blocked CDN) there is no `Office` global.
 */
export async function detectHost(
  office: typeof Office | undefined = globalThis.Office,
  timeoutMs = 10_000,
): Promise<HostStatus> {
  if (!office)
    return {
      kind: 'outside-excel',
      reason: 'office.js did not load (no network, or the page was opened outside Office)',
    };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady(),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!info || (info.host as unknown) !== 'Excel') {
    return {
      kind: 'outside-excel',
      reason: info?.host ? `this is ${info.host}, not Excel` : 'the page is not running inside Excel',
    };
  }
  const supports = (version: string) => office.context.requirements.isSetSupported('ExcelApi', version);
  if (!supports(MIN_EXCEL_API)) return { kind: 'excel-too-old' };
  return {
    kind: 'excel',
    insertFromBase64: supports('1.13'),
    sheetMarkers: supports('1.12'),
    dataValidation: supports('1.8'),
  };
}
