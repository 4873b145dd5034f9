// Test and screenshot support (not used by the commands): a copy of a workbook that lists only one sheet, so
// LibreOffice prints that sheet alone. LibreOffice prints hidden sheets too, so the others are dropped from the
// workbook part (their parts stay in the package, unreferenced) with the defined names that point into them.
import JSZip from 'jszip';

export async function onlySheetCopy(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const path = 'xl/workbook.xml';
  const book = await zip.file(path)?.async('string');
  if (book === undefined) throw new Error('the package has no xl/workbook.xml');
  let kept = 0;
  const edited = book
    .replace(/<sheet\b[^>]*?\/>/g, (tag) => {
      const own = /\sname="([^"]*)"/.exec(tag)?.[1] === name.replace(/&/g, '&amp;');
      if (own) kept += 1;
      return own ? tag : '';
    })
    .replace(/<definedNames>[\s\S]*?<\/definedNames>/, '')
    .replace(/\sactiveTab="\d+"/, '');
  if (kept !== 1) throw new Error(`the workbook has no sheet "${name}"`);
  zip.file(path, edited);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
