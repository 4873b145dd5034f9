import { afterEach, describe, expect, it } from 'vitest';
import { localIsoDate } from './local-date.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('pane.local-date: "Judge as of" starts at the user\'s own date, not the UTC one', () => {
  it('gives the calendar date of the local clock, east and west of UTC', () => {
    const noonUtc = new Date(Date.UTC(2026, 11, 2, 12, 0));
    // Node reads TZ afresh for each date computation, so the zone can change inside the test.
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: already the 3rd
    expect(localIsoDate(noonUtc)).toBe('2026-12-03');
    process.env.TZ = 'Pacific/Pago_Pago'; // UTC−11: still the 2nd, one hour past midnight
    expect(localIsoDate(noonUtc)).toBe('2026-12-02');
    expect(localIsoDate(new Date(Date.UTC(2026, 11, 3, 5, 0)))).toBe('2026-12-02');
    expect(new Date(Date.UTC(2026, 11, 3, 5, 0)).toISOString().slice(0, 10)).toBe('2026-12-03');
  });
});
