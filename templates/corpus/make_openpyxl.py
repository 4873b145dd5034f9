"""Writes the openpyxl part of the reader's corpus (run: /usr/bin/python3 make_openpyxl.py [function ...]; needs
python3-openpyxl).

openpyxl is a writer nobody on this project wrote: it stores part paths as absolute (/xl/worksheets/sheet1.xml),
which the OOXML spec allows and ExcelJS's reader cannot follow. The files are committed; this script is how they
were made.
"""
import datetime
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo

HEADERS = ["CAPA ID", "Date opened", "Source", "Severity", "Description", "Owner", "Due date", "Status"]
ROWS = [
    ["C-001", datetime.date(2026, 3, 2), "Internal audit", "Minor", "Calibration label missing", "Ann", datetime.date(2026, 4, 30), "Open"],
    ["C-002", datetime.date(2026, 3, 9), "Customer complaint", "Major", "Wrong part shipped", "Ben", datetime.date(2026, 5, 15), "In progress"],
    ["C-003", datetime.date(2026, 4, 1), "Supplier", "Observation", "Late delivery", "Cleo", datetime.date(2026, 6, 1), "Open"],
]


def capa_sheet(wb, title="CAPA Log"):
    ws = wb.active
    ws.title = title
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    for cell in ws["B"][1:] + ws["G"][1:]:
        cell.number_format = "yyyy-mm-dd"
    return ws


def plain():
    wb = Workbook()
    capa_sheet(wb)
    wb.save("openpyxl-capa.xlsx")


def with_comment_chart_validation():
    wb = Workbook()
    ws = capa_sheet(wb)
    ws["E2"].comment = Comment("Found in the March audit", "Auditor")
    lists = wb.create_sheet("Lists")
    for i, status in enumerate(["Open", "In progress", "Closed"], start=1):
        lists.cell(row=i, column=1, value=status)
    dv = DataValidation(type="list", formula1="Lists!$A$1:$A$3", allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("H2:H50")
    data = wb.create_sheet("Chart data")
    data.append(["Month", "Opened"])
    for month, n in [("Jan", 2), ("Feb", 4), ("Mar", 3)]:
        data.append([month, n])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=4))
    data.add_chart(chart, "D2")
    wb.save("openpyxl-comment-chart.xlsx")


def date1904_and_errors():
    wb = Workbook()
    wb.epoch = datetime.datetime(1904, 1, 1)  # the 1904 date system, as old Mac workbooks have
    ws = capa_sheet(wb)
    ws["F4"] = "#N/A"
    ws["F4"].data_type = "e"
    wb.save("openpyxl-1904.xlsx")


def table_with_totals():
    wb = Workbook()
    ws = capa_sheet(wb)
    ws.append(["Total", "=SUBTOTAL(103,CAPA[Date opened])"])
    table = Table(displayName="CAPA", ref="A1:H5", totalsRowCount=1)
    table.autoFilter = AutoFilter(ref="A1:H4")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    ws.add_table(table)
    wb.save("openpyxl-table-totals.xlsx")


def title_hidden_names():
    wb = Workbook()
    ws = wb.active
    ws.title = "CAPA Log"
    ws.append(["Corrective and preventive actions"])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    ws.row_dimensions[5].hidden = True  # C-002, hidden by a filter-happy user: still a record
    ws.freeze_panes = "A4"
    archive = wb.create_sheet("Archive")
    archive.append(["Closed before 2026"])
    archive.sheet_state = "hidden"
    wb.defined_names.append(DefinedName("CapaIds", attr_text="'CAPA Log'!$A$4:$A$6"))
    wb.save("openpyxl-title-hidden-names.xlsx")


def many_rows():
    wb = Workbook()
    ws = wb.active
    ws.title = "CAPA Log"
    ws.append(HEADERS)
    severities = ["Minor", "Major", "Observation"]
    for i in range(1, 201):
        opened = datetime.date(2026, 1, 1) + datetime.timedelta(days=i // 2)
        ws.append(["C-%03d" % i, opened, "Internal audit", severities[i % 3], "Finding %d" % i, "Ann",
                   opened + datetime.timedelta(days=60), "In progress" if i % 4 == 0 else "Open"])
    dv = DataValidation(type="list", formula1='"Open,In progress,Closed"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("H2:H500")
    wb.save("openpyxl-200-rows.xlsx")


def uncalculated_formulas():
    """Formulas openpyxl stores with no value (it does not calculate): a column the template reads (Due date), one
    it does not (Days open), and a row that holds only a formula."""
    wb = Workbook()
    ws = capa_sheet(wb)
    ws["I1"] = "Days open"
    for r in range(2, 5):
        ws["G%d" % r] = "=B%d+30" % r
        ws["I%d" % r] = "=DATE(2026,6,30)-B%d" % r
    ws["G6"] = "=B6+30"
    wb.save("openpyxl-formulas.xlsx")


MAKERS = [plain, with_comment_chart_validation, date1904_and_errors, table_with_totals, title_hidden_names, many_rows,
          uncalculated_formulas]

if __name__ == "__main__":
    # With names, only those files (openpyxl stamps the time into each file, so a full run rewrites them all).
    import sys
    wanted = sys.argv[1:]
    for make in MAKERS:
        if not wanted or make.__name__ in wanted:
            make()
