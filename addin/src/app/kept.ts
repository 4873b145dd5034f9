/**
 * Results the pane keeps for the browser session (sessionStorage), so a tab switch or a reload of the pane shows
 * them again instead of an empty view. Not localStorage: these are an organisation's figures, and sessionStorage
 * goes with the pane, not with the machine. A value too large to keep (a check of a huge workbook) is simply not
 * kept; the view then asks for it again.
 */
export type KeptStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const KEPT_CHECK_KEY = 'qms.kept.check';
export const KEPT_ASSESSMENT_KEY = 'qms.kept.assessment';
export const KEPT_PORTFOLIO_KEY = 'qms.kept.portfolio';
export const KEPT_VERSION_NOTES_KEY = 'qms.kept.versionNotes';

export function readKept<T>(store: KeptStore, key: string): T | undefined {
  try {
    const text = store.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

/** Keeps `value` (or forgets it when undefined); a full store drops the value rather than fail the action. */
export function writeKept(store: KeptStore, key: string, value: unknown): void {
  try {
    if (value === undefined) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    try {
      store.removeItem(key);
    } catch {
      // Storage unavailable altogether: nothing is kept, nothing breaks.
    }
  }
}
