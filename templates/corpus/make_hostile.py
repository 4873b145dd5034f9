"""Writes the hostile files of the reader's corpus from openpyxl-capa.xlsx (run: /usr/bin/python3 make_hostile.py).

Each is small on disk and built to exhaust a naive reader: a sheet part that inflates to 1 GiB, a shared-strings part
of 600 MiB, a sheet claiming every cell of the grid (A1:XFD1048576) with a value in the last one, a truncated
package, and a Word document renamed to .xlsx.
"""
import zipfile
import zlib

SRC = "openpyxl-capa.xlsx"
GIB = 1024 * 1024 * 1024


def copy_with(out, replace):
    with zipfile.ZipFile(SRC) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            if item.filename in replace:
                continue
            dst.writestr(item, src.read(item.filename))
        for name, writer in replace.items():
            writer(dst, name)


def streamed(prefix, filler, size, suffix):
    """A part of `size` bytes written in chunks, so this script never holds it whole."""
    def write(dst, name):
        with dst.open(name, "w", force_zip64=True) as f:
            f.write(prefix)
            chunk = filler * (1024 * 1024 // len(filler))
            for _ in range(size // len(chunk)):
                f.write(chunk)
            f.write(suffix)
    return write


copy_with("hostile-zip-bomb.xlsx", {
    "xl/worksheets/sheet1.xml": streamed(
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        b" ", GIB, b"</sheetData></worksheet>"),
})
def rels_with_shared_strings(dst, name):
    with zipfile.ZipFile(SRC) as src:
        xml = src.read(name).decode()
    rel = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
           'Target="/xl/sharedStrings.xml" Id="rIdSst"/>')
    dst.writestr(name, xml.replace("</Relationships>", rel + "</Relationships>"))


copy_with("hostile-huge-shared-strings.xlsx", {
    "xl/_rels/workbook.xml.rels": rels_with_shared_strings,
    "xl/sharedStrings.xml": streamed(
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
        b"A", 600 * 1024 * 1024, b"</t></si></sst>"),
})


def whole_grid(dst, name):
    dst.writestr(name, (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>CAPA ID</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        '</sheetData></worksheet>'))


copy_with("hostile-whole-grid.xlsx", {"xl/worksheets/sheet1.xml": whole_grid})

with open(SRC, "rb") as f:
    data = f.read()
with open("refused-truncated.xlsx", "wb") as f:
    f.write(data[: len(data) // 2])

with zipfile.ZipFile("refused-renamed-docx.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
