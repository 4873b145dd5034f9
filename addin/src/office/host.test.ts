import { describe, expect, it } from 'vitest';
import { detectHost } from './host.ts';

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

  it('gives up waiting for an Office that never gets ready', async () => {
    const stuck = { onReady: () => new Promise(() => undefined) } as unknown as typeof Office;
    expect(await detectHost(stuck, 10)).toEqual({
      kind: 'outside-excel',
      reason: 'the page is not running inside Excel',
    });
  });
});
