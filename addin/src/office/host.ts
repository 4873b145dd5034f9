/** Where the pane is running, learned from Office.onReady. */
export type HostStatus =
  | { kind: 'excel'; insertFromBase64: boolean; sheetMarkers: boolean; dataValidation: boolean }
  | { kind: 'excel-too-old' }
  | { kind: 'outside-excel'; reason: string }
  /** Office.onReady has not answered yet (a cold desktop start can take well over 5 s): keep waiting. */
  | { kind: 'starting' };

/** Requirement sets the pane needs: 1.7 for the basics (getRangeByIndexes, charts), 1.13 to insert files. */
export const MIN_EXCEL_API = '1.7';

/**
 * Waits for office.js. Outside Office (a plain browser tab), onReady resolves with no host; when office.js did
 * not load at all (offline, blocked CDN) there is no `Office` global. An onReady slower than `timeoutMs` is not
 * taken to mean "outside Excel" (the pane would then tell a user who is in Excel to open it in Excel, for good):
 * it answers `starting`, and `whenReady` gives the real answer once Office has one.
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
  const late = Symbol('late');
  const info = await Promise.race([
    office.onReady(),
    new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (info === late) return { kind: 'starting' };
  return statusOf(office, info);
}

/** The answer once Office.onReady resolves, however long it takes. */
export async function whenReady(office: typeof Office): Promise<HostStatus> {
  return statusOf(office, await office.onReady());
}

function statusOf(office: typeof Office, info: { host: unknown } | undefined): HostStatus {
  const host = typeof info?.host === 'string' ? info.host : undefined;
  if (host !== 'Excel') {
    return {
      kind: 'outside-excel',
      reason: host ? `this is ${host}, not Excel` : 'the page is not running inside Excel',
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

/** Office's display language ("de-DE"), which may differ from the browser's; undefined outside Office. */
export function officeDisplayLanguage(office: typeof Office | undefined = globalThis.Office): string | undefined {
  try {
    const language = office?.context?.displayLanguage;
    return typeof language === 'string' && language !== '' ? language : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether Office uses a dark theme (Office.context.officeTheme, where the host reports one): the pane then takes
 * Fluent's dark theme so it does not glare beside a dark ribbon. Hosts that report no theme count as light.
 */
export function officeThemeIsDark(office: typeof Office | undefined = globalThis.Office): boolean {
  try {
    const background = office?.context?.officeTheme?.bodyBackgroundColor;
    const m = typeof background === 'string' ? /^#?([0-9a-f]{6})$/i.exec(background) : null;
    if (!m) return false;
    const n = parseInt(m[1] as string, 16);
    // Relative luminance, roughly: below the middle is a dark theme.
    const luminance = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    return luminance < 128;
  } catch {
    return false;
  }
}
