/**
 * What a file is when it is not an .xlsx we can read: a one-line reason a user can act on. Decided from the first
 * bytes and, for zip packages, from the names of the parts (reading no part).
 */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SAVE_AS = 'save it from Excel or LibreOffice as an Excel Workbook (.xlsx) and try again';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Searches an OLE (compound file) for a stream name, which the directory stores as UTF-16LE. */
function holdsUtf16(bytes: Uint8Array, name: string): boolean {
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[2 * i] = name.charCodeAt(i);
  const limit = Math.min(bytes.length, 8 * 1024 * 1024) - needle.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  return head.length > 0 && head.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
}

/** Why bytes that are not a zip package cannot be read; undefined when they are a zip. */
export function notAZip(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return `The file is empty; ${SAVE_AS}`;
  if (startsWith(bytes, OLE_MAGIC)) {
    if (holdsUtf16(bytes, 'EncryptedPackage') || holdsUtf16(bytes, 'EncryptionInfo'))
      return 'This workbook is password-protected (encrypted); open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password), save it and try again';
    return `This is an old-style .xls (Excel 97–2003) workbook, not an .xlsx; ${SAVE_AS}`;
  }
  if (startsWith(bytes, EMPTY_ZIP_MAGIC)) return `This is an empty zip file, not a workbook; ${SAVE_AS}`;
  if (startsWith(bytes, ZIP_MAGIC)) return undefined;
  if (looksLikeText(bytes)) {
    const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    if (head.startsWith('<?xml') || head.startsWith('<'))
      return `This is an XML or HTML file (perhaps an "XML Spreadsheet 2003" or a web page saved as .xls), not an .xlsx; ${SAVE_AS}`;
    return `This is a text file (perhaps CSV), not an .xlsx; open it in Excel or LibreOffice, ${SAVE_AS.replace('save it', 'then save it')}`;
  }
  return `This is not an .xlsx file (it is not a zip package); ${SAVE_AS}`;
}

/** Why a zip package is not an .xlsx workbook, from its part names; undefined when it looks like one. */
export function notAWorkbook(names: readonly string[], mimetype: string | undefined): string | undefined {
  const has = (pattern: RegExp) => names.some((n) => pattern.test(n));
  if (mimetype?.startsWith('application/vnd.oasis.opendocument.spreadsheet'))
    return `This is an OpenDocument spreadsheet (.ods), not an .xlsx; in LibreOffice use File → Save As → Excel 2007-365 (.xlsx) and try again`;
  if (mimetype?.startsWith('application/vnd.oasis.opendocument'))
    return `This is an OpenDocument file (text or presentation), not a workbook; ${SAVE_AS}`;
  if (has(/^word\/document\.xml$/i)) return `This is a Word document (.docx) renamed, not a workbook; ${SAVE_AS}`;
  if (has(/^ppt\/presentation\.xml$/i)) return `This is a PowerPoint file (.pptx) renamed, not a workbook; ${SAVE_AS}`;
  if (has(/^xl\/workbook\.bin$/i)) return `This is an Excel Binary Workbook (.xlsb), not an .xlsx; ${SAVE_AS}`;
  if (!has(/^\[Content_Types\]\.xml$/) || !has(/^xl\/.*\.xml$/i))
    return `This zip file holds no Excel workbook; ${SAVE_AS}`;
  return undefined;
}
