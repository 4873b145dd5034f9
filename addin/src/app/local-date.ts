/**
 * Today's date where the user is, as YYYY-MM-DD: what "Judge as of" starts at. The UTC date
 * (`toISOString().slice(0, 10)`) is yesterday or tomorrow for hours every day east or west of UTC, and then the
 * overdue list is a day off.
 */
export function localIsoDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
