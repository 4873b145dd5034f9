import { describe, expect, it } from 'vitest';
import { detectHost, officeDisplayLanguage, officeThemeIsDark, whenReady } from './host.ts';

/** An Office whose host reports ExcelApi up to `api` ("1.13" means minor version 13). */
function fakeOffice(host: string | null, api: string): typeof Office {
  const minor = (v: string) => Number(v.split('.')[1]);
  return {
    onReady: () => Promise.resolve({ host, platform: null }),
    context: {
      requirements: { isSetSupported: (_name: string, version?: string) => minor(version ?? '1.1') <= minor(api) },
    },
  } as unknown as typeof Office;
}

describe('detectHost', () => {
  it('tells Excel with and without ExcelApi 1.13 apart', async () => {
    expect(await detectHost(fakeOffice('Excel', '1.13'))).toEqual({
      kind: 'excel',
      insertFromBase64: true,
      sheetMarkers: true,
      dataValidation: true,
    });
    expect(await detectHost(fakeOffice('Excel', '1.12'))).toEqual({
      kind: 'excel',
      insertFromBase64: false,
      sheetMarkers: true,
      dataValidation: true,
    });
    expect(await detectHost(fakeOffice('Excel', '1.7'))).toEqual({
      kind: 'excel',
      insertFromBase64: false,
      sheetMarkers: false,
      dataValidation: false,
    });
    expect(await detectHost(fakeOffice('Excel', '1.6'))).toEqual({ kind: 'excel-too-old' });
  });

  it('says why the pane is outside Excel', async () => {
    expect(await detectHost(fakeOffice(null, '1.13'))).toEqual({
      kind: 'outside-excel',
      reason: 'the page is not running inside Excel',
    });
    expect(await detectHost(fakeOffice('Word', '1.13'))).toEqual({
      kind: 'outside-excel',
      reason: 'this is Word, not Excel',
    });
    expect(await detectHost(undefined)).toMatchObject({
      kind: 'outside-excel',
      reason: expect.stringMatching(/office\.js did not load/) as unknown,
    });
  });

  it('a slow Office.onReady is "starting", not "outside Excel", and the real answer follows when Office is ready', async () => {
    let ready: (info: { host: string; platform: null }) => void = () => undefined;
    const office = fakeOffice('Excel', '1.13');
    const slow = Object.assign(Object.create(office) as typeof Office, {
      onReady: () => new Promise((resolve) => (ready = resolve)),
    });
    expect(await detectHost(slow, 10)).toEqual({ kind: 'starting' });
    const later = whenReady(slow);
    ready({ host: 'Excel', platform: null });
    expect(await later).toMatchObject({ kind: 'excel', insertFromBase64: true });
  });

  it("reads Office's display language, and none outside Office", () => {
    expect(officeDisplayLanguage({ context: { displayLanguage: 'de-DE' } } as unknown as typeof Office)).toBe('de-DE');
    expect(officeDisplayLanguage(undefined)).toBeUndefined();
  });

  it('takes a dark Office theme from the body background Office reports, light otherwise', () => {
    const themed = (bodyBackgroundColor: unknown) =>
      ({ context: { officeTheme: { bodyBackgroundColor } } }) as unknown as typeof Office;
    expect(officeThemeIsDark(themed('#262626'))).toBe(true);
    expect(officeThemeIsDark(themed('#FFFFFF'))).toBe(false);
    expect(officeThemeIsDark(themed(undefined))).toBe(false);
    expect(officeThemeIsDark(undefined)).toBe(false);
  });
});
