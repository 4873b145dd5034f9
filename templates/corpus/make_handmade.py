"""Writes the hand-made OOXML part of the reader's corpus (run: /usr/bin/python3 make_handmade.py; standard library only).

Each package is assembled part by part with zipfile, so it carries exactly the feature it is named after, written the
way ECMA-376 (and Excel) lays it out: inline strings and rich text, formulas with cached values, absolute part paths,
threaded comments, a pivot table, a table slicer, an external link, custom XML, a VBA project (.xlsm), an x14
cross-sheet list validation, a chart sheet, a picture, hidden rows and sheets, a table with a totals row, defined names
and the 1904 date system. Every file holds a "CAPA Log" sheet with three CAPA rows. The files are committed; this
script is how they were made.
"""
import datetime
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
T = R + "/"  # relationship types share this stem
HEADERS = ["CAPA ID", "Date opened", "Source", "Severity", "Description", "Owner", "Due date", "Status"]
ROWS = [
    ["C-001", datetime.date(2026, 3, 2), "Internal audit", "Minor", "Calibration label missing", "Ann", datetime.date(2026, 4, 30), "Open"],
    ["C-002", datetime.date(2026, 3, 9), "Customer complaint", "Major", "Wrong part shipped", "Ben", datetime.date(2026, 5, 15), "In progress"],
    ["C-003", datetime.date(2026, 4, 1), "Supplier", "Observation", "Late delivery", "Cleo", datetime.date(2026, 6, 1), "Open"],
]
CT = {
    "workbook": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "workbook-macro": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "sheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    "sst": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    "table": "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
}
FIXED = (2026, 3, 1, 0, 0, 0)  # every zip entry's date, so a re-run writes the same bytes


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(d, date1904=False):
    return (d - (datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30))).days


class Package:
    """Parts by path, relationships by source part, and content types; `save` writes them as one .xlsx."""

    def __init__(self, absolute=False, macro=False):
        self.parts = {}
        self.rels = {}
        self.overrides = {}
        self.defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
        self.absolute = absolute
        self.macro = macro
        self.strings = []

    def add(self, path, data, ctype=None):
        self.parts[path] = data.encode() if isinstance(data, str) else data
        if ctype:
            self.overrides[path] = ctype

    def rel(self, source, rtype, target, external=False):
        """Adds a relationship from `source` ("" for the package) and returns its id."""
        rels = self.rels.setdefault(source, [])
        rid = "rId%d" % (len(rels) + 1)
        if not external:
            if self.absolute:
                target = "/" + target
            else:
                base = source.rsplit("/", 1)[0] if "/" in source else ""
                target = relative(base, target)
        rels.append((rid, rtype, target, external))
        return rid

    def sst(self, text):
        if text not in self.strings:
            self.strings.append(text)
        return self.strings.index(text)

    def save(self, name):
        if self.strings:
            items = "".join("<si>%s</si>" % (s if s.startswith("<r>") else "<t xml:space=\"preserve\">%s</t>" % escape(s)) for s in self.strings)
            self.add("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (NS, len(self.strings), len(self.strings), items), CT["sst"])
            self.rel("xl/workbook.xml", T + "sharedStrings", "xl/sharedStrings.xml")
        files = {}
        types = "".join('<Default Extension="%s" ContentType="%s"/>' % kv for kv in sorted(self.defaults.items()))
        types += "".join('<Override PartName="/%s" ContentType="%s"/>' % kv for kv in sorted(self.overrides.items()))
        files["[Content_Types].xml"] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % types).encode()
        for source, rels in self.rels.items():
            folder, _, file = source.rpartition("/")
            path = (folder + "/" if folder else "") + "_rels/" + file + ".rels"
            body = "".join('<Relationship Id="%s" Type="%s" Target="%s"%s/>' % (rid, t, escape(target), ' TargetMode="External"' if ext else "") for rid, t, target, ext in rels)
            files[path] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">%s</Relationships>' % (PR, body)).encode()
        files.update(self.parts)
        with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
            for path in ["[Content_Types].xml", "_rels/.rels"] + sorted(p for p in files if p not in ("[Content_Types].xml", "_rels/.rels")):
                info = zipfile.ZipInfo(path, FIXED)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, files[path])


def relative(base, target):
    b = [p for p in base.split("/") if p]
    t = target.split("/")
    while b and t and b[0] == t[0]:
        b.pop(0)
        t.pop(0)
    return "/".join([".."] * len(b) + t)


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>' % NS
)


def cell(pkg, ref, value, inline=False, style=None, formula=None, date1904=False):
    s = ' s="%d"' % style if style is not None else ""
    f = "<f>%s</f>" % escape(formula) if formula else ""
    if isinstance(value, bool):
        return '<c r="%s" t="b"%s>%s<v>%d</v></c>' % (ref, s, f, value)
    if isinstance(value, datetime.date):
        return '<c r="%s" s="1">%s<v>%d</v></c>' % (ref, f, serial(value, date1904))
    if isinstance(value, (int, float)):
        return '<c r="%s"%s>%s<v>%s</v></c>' % (ref, s, f, value)
    if isinstance(value, tuple):  # ("e", "#N/A"): an error cell
        return '<c r="%s" t="e"%s>%s<v>%s</v></c>' % (ref, s, f, value[1])
    if formula:
        return '<c r="%s" t="str"%s>%s<v>%s</v></c>' % (ref, s, f, escape(value))
    if inline:
        return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, s, escape(value))
    return '<c r="%s" t="s"%s><v>%d</v></c>' % (ref, s, pkg.sst(value))


def grid_rows(pkg, rows, first=1, inline=False, date1904=False, hidden=(), header_style=True, overrides=None):
    out = []
    for i, row in enumerate(rows):
        r = first + i
        cells = []
        for c, v in enumerate(row, start=1):
            ref = "%s%d" % (col(c), r)
            if overrides and ref in overrides:
                cells.append(overrides[ref])
            elif v is not None:
                cells.append(cell(pkg, ref, v, inline=inline, style=2 if header_style and i == 0 and r == first else None, date1904=date1904))
        out.append('<row r="%d"%s>%s</row>' % (r, ' hidden="1"' if r in hidden else "", "".join(cells)))
    return "".join(out)


def worksheet(sheet_data, dimension=None, before="", after="", ext=""):
    dim = '<dimension ref="%s"/>' % dimension if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s" xmlns:r="%s" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
            '%s%s<sheetData>%s</sheetData>%s%s</worksheet>' % (NS, R, dim, before, sheet_data, after, ext))


class Book:
    """A workbook being assembled: sheets in order, defined names, and workbook-level extras."""

    def __init__(self, absolute=False, macro=False, date1904=False):
        self.pkg = Package(absolute=absolute, macro=macro)
        self.sheets = []
        self.names = []
        self.extra = ""  # workbook children after <sheets> (definedNames come first)
        self.after_names = ""
        self.ext = ""
        self.date1904 = date1904
        self.pkg.add("xl/styles.xml", STYLES, CT["styles"])

    def sheet(self, name, xml, state=None, kind="sheet"):
        n = len(self.sheets) + 1
        folder = "chartsheets" if kind == "chartsheet" else "worksheets"
        path = "xl/%s/sheet%d.xml" % (folder, n)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml" if kind == "chartsheet" else CT["sheet"]
        self.pkg.add(path, xml, ctype)
        self.sheets.append((name, path, state, kind))
        return path

    def save(self, name):
        pkg = self.pkg
        wb = "xl/workbook.xml"
        pkg.rel("", T + "officeDocument", wb)
        sheets = ""
        for i, (sname, path, state, kind) in enumerate(self.sheets, start=1):
            rid = pkg.rel(wb, T + ("chartsheet" if kind == "chartsheet" else "worksheet"), path)
            sheets += '<sheet name="%s" sheetId="%d"%s r:id="%s"/>' % (escape(sname), i, ' state="%s"' % state if state else "", rid)
        pkg.rel(wb, T + "styles", "xl/styles.xml")
        names = "<definedNames>%s</definedNames>" % "".join(self.names) if self.names else ""
        pr = '<workbookPr%s/>' % (' date1904="1"' if self.date1904 else "")
        pkg.add(wb, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="%s" xmlns:r="%s">%s'
                '<bookViews><workbookView/></bookViews><sheets>%s</sheets>%s%s%s</workbook>'
                % (NS, R, pr, sheets, self.extra, names, self.after_names + self.ext),
                CT["workbook-macro" if pkg.macro else "workbook"])
        pkg.save(name)


def capa_rows(book, inline=False, hidden=(), first=1, overrides=None):
    return grid_rows(book.pkg, [HEADERS] + ROWS, first=first, inline=inline, date1904=book.date1904, hidden=hidden, overrides=overrides)


LISTS = ["Open", "In progress", "Closed"]


def lists_sheet(book):
    return book.sheet("Lists", worksheet(grid_rows(book.pkg, [[v] for v in LISTS], header_style=False)))


def png_1x1():
    raw = b"\x00\xff\x80\x00"
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def bar_chart_xml(ref_cat, ref_val):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s"><c:chart><c:plotArea><c:layout/>'
            '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
            '<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>%s</c:f></c:strRef></c:cat>'
            '<c:val><c:numRef><c:f>%s</c:f></c:numRef></c:val></c:ser>'
            '<c:axId val="10"/><c:axId val="20"/></c:barChart>'
            '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="20"/></c:catAx>'
            '<c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="10"/></c:valAx>'
            '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>' % (R, ref_cat, ref_val))


DRAWING_NS = ('xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="%s" '
              'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"' % R)


# 1. Inline strings, rich text, booleans, errors and formulas with cached values.
def inline_rich():
    b = Book()
    rich = '<r><rPr><b/></rPr><t>Wrong</t></r><r><t xml:space="preserve"> part shipped</t></r>'
    over = {
        "E3": '<c r="E3" t="s"><v>%d</v></c>' % b.pkg.sst(rich),
        # Due date as a formula whose cached value is the date itself.
        "G4": '<c r="G4" s="1"><f>B4+61</f><v>%d</v></c>' % serial(ROWS[2][6]),
    }
    data = capa_rows(b, inline=True, overrides=over)
    b.sheet("CAPA Log", worksheet(data, "A1:H4"))
    notes = grid_rows(b.pkg, [["Closed on time", "Open count", "Check"], [True, 2, ("e", "#DIV/0!")], [False, None, None]],
                      overrides={"B2": '<c r="B2"><f>COUNTIF(\'CAPA Log\'!H2:H4,"Open")</f><v>2</v></c>',
                                 "C3": '<c r="C3" t="str"><f>"C-"&amp;TEXT(3,"000")</f><v>C-003</v></c>'})
    b.sheet("Notes", worksheet(notes, "A1:C3"))
    b.save("handmade-inline-rich.xlsx")


def table_xml(name, ref, headers, totals=False, tid=1):
    cols = "".join('<tableColumn id="%d" name="%s"%s/>' % (i + 1, escape(h), ' totalsRowLabel="Total"' if totals and i == 0 else (' totalsRowFunction="count"' if totals and i == 1 else "")) for i, h in enumerate(headers))
    auto_end = ref.split(":")[1]
    if totals:
        last_data = int("".join(ch for ch in auto_end if ch.isdigit())) - 1
        auto = ref.split(":")[0] + ":" + "".join(ch for ch in auto_end if ch.isalpha()) + str(last_data)
    else:
        auto = ref
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="%s" id="%d" name="%s" displayName="%s" ref="%s"%s>'
            '<autoFilter ref="%s"/><tableColumns count="%d">%s</tableColumns>'
            '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
            % (NS, tid, name, name, ref, ' totalsRowCount="1"' if totals else "", auto, len(headers), cols))


# 2. Absolute part paths throughout, and an Excel table with a totals row (its autofilter covering the data only).
def absolute_totals():
    b = Book(absolute=True)
    totals = '<row r="5"><c r="A5" t="inlineStr"><is><t>Total</t></is></c><c r="B5"><f>SUBTOTAL(103,CAPA[Date opened])</f><v>3</v></c></row>'
    data = capa_rows(b) + totals
    path = b.sheet("CAPA Log", worksheet(data, "A1:H5", after='<tableParts count="1"><tablePart r:id="rId1"/></tableParts>'))
    b.pkg.add("xl/tables/table1.xml", table_xml("CAPA", "A1:H5", HEADERS, totals=True), CT["table"])
    b.pkg.rel(path, T + "table", "xl/tables/table1.xml")
    b.save("handmade-absolute-totals.xlsx")


# 3. A threaded comment (Excel 365) with the legacy note Excel writes beside it, and the person list.
def threaded_comments():
    b = Book()
    path = b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4", after='<legacyDrawing r:id="rId3"/>'))
    tid = "{2D3B1B0A-0000-4000-8000-000000000001}"
    pid = "{5F1E0C2A-0000-4000-8000-000000000002}"
    b.pkg.add("xl/comments1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="%s"><authors><author>tc=%s</author></authors>'
              '<commentList><comment ref="E2" authorId="0"><text><t>[Threaded comment] Found in the March audit</t></text></comment></commentList></comments>' % (NS, tid),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")
    b.pkg.add("xl/threadedComments/threadedComment1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="E2" dT="2026-03-02T09:00:00.00" personId="%s" id="%s"><text>Found in the March audit</text></threadedComment></ThreadedComments>' % (pid, tid),
              "application/vnd.ms-excel.threadedcomments+xml")
    b.pkg.add("xl/persons/person.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Auditor" id="%s" userId="auditor@example.com" providerId="None"/></personList>' % pid,
              "application/vnd.ms-excel.person+xml")
    b.pkg.defaults["vml"] = "application/vnd.openxmlformats-officedocument.vmlDrawing"
    b.pkg.add("xl/drawings/vmlDrawing1.vml", '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
              '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
              '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:10pt;width:120pt;height:60pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
              '<v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>1</x:Row><x:Column>4</x:Column></x:ClientData></v:shape></xml>')
    b.pkg.rel(path, "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "xl/threadedComments/threadedComment1.xml")
    b.pkg.rel(path, T + "comments", "xl/comments1.xml")
    b.pkg.rel(path, T + "vmlDrawing", "xl/drawings/vmlDrawing1.vml")
    b.pkg.rel("xl/workbook.xml", "http://schemas.microsoft.com/office/2017/10/relationships/person", "xl/persons/person.xml")
    b.save("handmade-threaded-comments.xlsx")


# 4. A pivot table (count of CAPAs by severity) on its own sheet, over the CAPA Log range, with its cache.
def pivot():
    b = Book()
    b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4"))
    rows = '<row r="3"><c r="A3" t="inlineStr"><is><t>Severity</t></is></c><c r="B3" t="inlineStr"><is><t>Count of CAPA ID</t></is></c></row>'
    for i, sev in enumerate(["Major", "Minor", "Observation"]):
        rows += '<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>1</v></c></row>' % (4 + i, 4 + i, sev, 4 + i)
    rows += '<row r="7"><c r="A7" t="inlineStr"><is><t>Grand Total</t></is></c><c r="B7"><v>3</v></c></row>'
    ppath = b.sheet("Pivot", worksheet(rows, "A3:B7"))
    fields = ""
    for h in HEADERS:
        if h == "Severity":
            fields += '<cacheField name="Severity" numFmtId="0"><sharedItems count="3"><s v="Minor"/><s v="Major"/><s v="Observation"/></sharedItems></cacheField>'
        elif h in ("Date opened", "Due date"):
            fields += '<cacheField name="%s" numFmtId="164"><sharedItems containsSemiMixedTypes="0" containsNonDate="0" containsDate="1" containsString="0"/></cacheField>' % h
        else:
            fields += '<cacheField name="%s" numFmtId="0"><sharedItems/></cacheField>' % escape(h)
    b.pkg.add("xl/pivotCache/pivotCacheDefinition1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="%s" xmlns:r="%s" r:id="rId1" refreshOnLoad="1" recordCount="3">'
              '<cacheSource type="worksheet"><worksheetSource ref="A1:H4" sheet="CAPA Log"/></cacheSource><cacheFields count="8">%s</cacheFields></pivotCacheDefinition>' % (NS, R, fields),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml")
    recs = ""
    for row, sev in zip(ROWS, [0, 1, 2]):
        recs += "<r>" + "".join(
            '<x v="%d"/>' % sev if h == "Severity" else ('<d v="%sT00:00:00"/>' % v.isoformat() if isinstance(v, datetime.date) else '<s v="%s"/>' % escape(v))
            for h, v in zip(HEADERS, row)) + "</r>"
    b.pkg.add("xl/pivotCache/pivotCacheRecords1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="%s" count="3">%s</pivotCacheRecords>' % (NS, recs),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml")
    b.pkg.rel("xl/pivotCache/pivotCacheDefinition1.xml", T + "pivotCacheRecords", "xl/pivotCache/pivotCacheRecords1.xml")
    pfields = "".join('<pivotField axis="axisRow" showAll="0"><items count="4"><item x="1"/><item x="0"/><item x="2"/><item t="default"/></items></pivotField>' if h == "Severity"
                      else ('<pivotField dataField="1" showAll="0"/>' if h == "CAPA ID" else '<pivotField showAll="0"/>') for h in HEADERS)
    b.pkg.add("xl/pivotTables/pivotTable1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="%s" name="CapaBySeverity" cacheId="1" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" useAutoFormatting="1" itemPrintTitles="1" indent="0" outline="1" outlineData="1">'
              '<location ref="A3:B7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="8">%s</pivotFields>'
              '<rowFields count="1"><field x="3"/></rowFields><rowItems count="4"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i t="grand"><x/></i></rowItems>'
              '<colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Count of CAPA ID" fld="0" subtotal="count" baseField="0" baseItem="0"/></dataFields>'
              '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>' % (NS, pfields),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml")
    b.pkg.rel(ppath, T + "pivotTable", "xl/pivotTables/pivotTable1.xml")
    b.pkg.rel("xl/pivotTables/pivotTable1.xml", T + "pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml")
    rid = b.pkg.rel("xl/workbook.xml", T + "pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml")
    b.extra = '<pivotCaches><pivotCache cacheId="1" r:id="%s"/></pivotCaches>' % rid
    # pivotCaches follows definedNames in CT_Workbook; this book has no names, so order holds.
    b.save("handmade-pivot.xlsx")


# 5. A table slicer (Excel 2013+, x15/x14 extensions): slicer part, slicer cache, and the drawing frame that shows it.
def slicer():
    b = Book()
    slicer_ext = ('<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                  '<x14:slicerList xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicer r:id="rId3"/></x14:slicerList></ext></extLst>')
    path = b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4", after='<drawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts>', ext=slicer_ext))
    b.pkg.add("xl/tables/table1.xml", table_xml("CapaTable", "A1:H4", HEADERS), CT["table"])
    b.pkg.rel(path, T + "table", "xl/tables/table1.xml")
    b.pkg.add("xl/drawings/drawing1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr %s><xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
              '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:sle15="http://schemas.microsoft.com/office/drawing/2012/slicer" Requires="sle15">'
              '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Status"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" name="Status"/></a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice>'
              '<mc:Fallback><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="2524125"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
              '<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>This shape represents a table slicer.</a:t></a:r></a:p></xdr:txBody></xdr:sp></mc:Fallback></mc:AlternateContent><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>' % DRAWING_NS,
              "application/vnd.openxmlformats-officedocument.drawing+xml")
    b.pkg.rel(path, T + "drawing", "xl/drawings/drawing1.xml")
    b.pkg.add("xl/slicers/slicer1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x xr10" xmlns:x="%s" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10">'
              '<slicer name="Status" cache="Slicer_Status" caption="Status" rowHeight="241300"/></slicers>' % NS,
              "application/vnd.ms-excel.slicer+xml")
    b.pkg.rel(path, "http://schemas.microsoft.com/office/2007/relationships/slicer", "xl/slicers/slicer1.xml")
    b.pkg.add("xl/slicerCaches/slicerCache1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<slicerCacheDefinition xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x" xmlns:x="%s" name="Slicer_Status" sourceName="Status">'
              '<extLst><x:ext uri="{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:tableSlicerCache tableId="1" column="8"/></x:ext></extLst></slicerCacheDefinition>' % NS,
              "application/vnd.ms-excel.slicerCache+xml")
    rid = b.pkg.rel("xl/workbook.xml", "http://schemas.microsoft.com/office/2007/relationships/slicerCache", "xl/slicerCaches/slicerCache1.xml")
    b.ext = ('<extLst><ext uri="{46BE6895-7355-4a93-B00E-2C351335B9C9}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
             '<x15:slicerCaches xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerCache r:id="%s"/></x15:slicerCaches></ext></extLst>' % rid)
    b.save("handmade-slicer.xlsx")


# 6. An external link: a cell whose formula reads another workbook, with the cached value Excel keeps.
def external_link():
    b = Book()
    over = {"F4": '<c r="F4" t="str"><f>[1]Owners!$A$3</f><v>Cleo</v></c>'}
    b.sheet("CAPA Log", worksheet(capa_rows(b, overrides=over), "A1:H4"))
    b.pkg.add("xl/externalLinks/externalLink1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="%s" xmlns:r="%s"><externalBook r:id="rId1"><sheetNames><sheetName val="Owners"/></sheetNames>'
              '<sheetDataSet><sheetData sheetId="0"><row r="3"><cell r="A3" t="str"><v>Cleo</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>' % (NS, R),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml")
    b.pkg.rel("xl/externalLinks/externalLink1.xml", T + "externalLinkPath", "file:///C:/QMS/owners.xlsx", external=True)
    rid = b.pkg.rel("xl/workbook.xml", T + "externalLink", "xl/externalLinks/externalLink1.xml")
    b.extra = '<externalReferences><externalReference r:id="%s"/></externalReferences>' % rid
    b.save("handmade-external-link.xlsx")


# 7. Custom XML data parts (as SharePoint and document-management systems add) and someone else's custom properties.
def custom_xml():
    b = Book()
    b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4"))
    b.pkg.add("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ct:contentTypeSchema xmlns:ct="http://schemas.microsoft.com/office/2006/metadata/contentType" ct:_="" ma:_="" ma:contentTypeName="Document" xmlns:ma="http://schemas.microsoft.com/office/2006/metadata/properties/metaAttributes"/>')
    b.pkg.add("customXml/itemProps1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{7B3C1D2E-0000-4000-8000-000000000003}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/contentType"/></ds:schemaRefs></ds:datastoreItem>',
              "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    b.pkg.rel("customXml/item1.xml", T + "customXmlProps", "customXml/itemProps1.xml")
    b.pkg.rel("xl/workbook.xml", T + "customXml", "customXml/item1.xml")
    b.pkg.add("docProps/custom.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ContentTypeId"><vt:lpwstr>0x0101000A1B2C3D</vt:lpwstr></property>'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Client"><vt:lpwstr>Acme Castings</vt:lpwstr></property></Properties>',
              "application/vnd.openxmlformats-officedocument.custom-properties+xml")
    b.pkg.rel("", T + "custom-properties", "docProps/custom.xml")
    b.save("handmade-custom-xml.xlsx")


# 8. A macro-enabled workbook (.xlsm): the VBA project part, its content type and relationship. Never executed.
def vba():
    b = Book(macro=True)
    b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4"))
    b.pkg.defaults["bin"] = "application/vnd.ms-office.vbaProject"
    # A stand-in VBA project: the bytes are opaque to us and must come back unchanged (a CFB signature, then filler).
    b.pkg.add("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    b.pkg.rel("xl/workbook.xml", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "xl/vbaProject.bin")
    b.save("handmade-vba.xlsm")


# 9. A cross-sheet list validation stored the way Excel 2010+ stores it: in the x14 extension, not <dataValidations>.
def x14_validation():
    b = Book()
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
           '<x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>H2:H200</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>')
    b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4", ext=ext))
    lists_sheet(b)
    b.save("handmade-x14-validation.xlsx")


# 10. A chart sheet (a sheet that is only a chart), plus a chart on a drawing of an ordinary sheet.
def chart_sheet():
    b = Book()
    b.sheet("CAPA Log", worksheet(capa_rows(b), "A1:H4"))
    counts = grid_rows(b.pkg, [["Severity", "CAPAs"], ["Major", 1], ["Minor", 1], ["Observation", 1]])
    data_path = b.sheet("By severity", worksheet(counts, "A1:B4", after='<drawing r:id="rId1"/>'))
    cs_path = b.sheet("Severity chart", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="%s" xmlns:r="%s"><sheetPr/><sheetViews><sheetView workbookViewId="0" zoomToFit="1"/></sheetViews><drawing r:id="rId1"/></chartsheet>' % (NS, R), kind="chartsheet")
    for n, (owner, anchor) in enumerate([(data_path, "two"), (cs_path, "abs")], start=1):
        b.pkg.add("xl/charts/chart%d.xml" % n, bar_chart_xml("'By severity'!$A$2:$A$4", "'By severity'!$B$2:$B$4"), "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
        if anchor == "two":
            frame_anchor = '<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
            close = "</xdr:twoCellAnchor>"
        else:
            frame_anchor = '<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666480" cy="6293304"/>'
            close = "</xdr:absoluteAnchor>"
        b.pkg.add("xl/drawings/drawing%d.xml" % n, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr %s>%s<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart %d"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
                  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>%s</xdr:wsDr>' % (DRAWING_NS, frame_anchor, n, close),
                  "application/vnd.openxmlformats-officedocument.drawing+xml")
        b.pkg.rel("xl/drawings/drawing%d.xml" % n, T + "chart", "xl/charts/chart%d.xml" % n)
        b.pkg.rel(owner, T + "drawing", "xl/drawings/drawing%d.xml" % n)
    b.save("handmade-chart-sheet.xlsx")


# 11. A picture (a company logo) anchored on the CAPA Log itself.
def image():
    b = Book()
    path = b.sheet("CAPA Log", worksheet(capa_rows(b, first=3), "A3:H6", after='<drawing r:id="rId1"/>'))
    b.pkg.defaults["png"] = "image/png"
    b.pkg.add("xl/media/image1.png", png_1x1())
    b.pkg.add("xl/drawings/drawing1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr %s><xdr:oneCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="914400" cy="304800"/>'
              '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
              '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="304800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>' % DRAWING_NS,
              "application/vnd.openxmlformats-officedocument.drawing+xml")
    b.pkg.rel("xl/drawings/drawing1.xml", T + "image", "xl/media/image1.png")
    b.pkg.rel(path, T + "drawing", "xl/drawings/drawing1.xml")
    b.save("handmade-image.xlsx")


# 12. The 1904 date system, a merged title row above the header, a hidden data row, a hidden and a very hidden sheet,
#     and defined names (a workbook name, a sheet-local name, the print titles).
def hidden_1904_names():
    b = Book(date1904=True)
    title = '<row r="1"><c r="A1" t="inlineStr" s="2"><is><t>Corrective actions 2026</t></is></c></row>'
    data = title + capa_rows(b, first=3, hidden=(5,))
    b.sheet("CAPA Log", worksheet(data, "A1:H6", after='<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells>'))
    b.sheet("Old log", worksheet(grid_rows(b.pkg, [["Archived"], ["C-000"]]), "A1:A2"), state="hidden")
    b.sheet("Config", worksheet(grid_rows(b.pkg, [["Threshold"], [5]]), "A1:A2"), state="veryHidden")
    b.names = ['<definedName name="_xlnm.Print_Titles" localSheetId="0">\'CAPA Log\'!$3:$3</definedName>',
               '<definedName name="CapaIds">\'CAPA Log\'!$A$4:$A$6</definedName>',
               '<definedName name="Threshold" localSheetId="2">Config!$A$2</definedName>']
    b.save("handmade-hidden-1904-names.xlsx")


inline_rich()
absolute_totals()
threaded_comments()
pivot()
slicer()
external_link()
custom_xml()
vba()
x14_validation()
chart_sheet()
image()
hidden_1904_names()
