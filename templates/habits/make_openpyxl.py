"""Writes the openpyxl part of the habit corpus (run from this folder: /usr/bin/python3 make_openpyxl.py).

openpyxl is how many Python scripts and exports (pandas' default engine among them) write registers. Each workbook
is one habit of registers as organisations really keep them (issue 10, "Why"); what each should give is in
expected.json. The files are committed; this script is how they were made.
"""
import datetime
import os

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2026, 6, 1)


def day(m, d, y=2026):
    return datetime.date(y, m, d)


def book():
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def sheet(wb, name, rows, formats=None):
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for column, fmt in (formats or {}).items():
        for cell in ws[column][1:]:
            if isinstance(cell.value, (int, float)):
                cell.number_format = fmt
    return ws


def save(wb, name):
    wb.save(os.path.join(HERE, name))


def french_gap():
    """A French gap analysis (analyse des écarts): French headers and French status words."""
    wb = book()
    sheet(wb, "Analyse des écarts", [
        ["Article", "Exigence", "Statut", "Preuves", "Écart", "Responsable", "Échéance"],
        ["4.1", "Compréhension de l'organisme et de son contexte", "Conforme", "Analyse SWOT 2025", "", "Direction", ""],
        ["5.2.1", "Établissement de la politique qualité", "Conforme", "Politique qualité rév. 2", "", "Direction", ""],
        ["6.2", "Objectifs qualité", "Partiel", "Objectifs définis", "Pas de plan d'action", "RQ", day(9, 30)],
        ["7.1.6", "Connaissances organisationnelles", "Non conforme", "", "Aucune capitalisation", "RQ", day(10, 31)],
        ["8.3.1", "Conception et développement : généralités", "Sans objet", "", "Pas de conception : fabrication sur plan client", "", ""],
    ])
    save(wb, "openpyxl-french-gap.xlsx")


def spanish_capa():
    """A Spanish CAPA register (acciones correctivas): Spanish headers and status words."""
    wb = book()
    sheet(wb, "Acciones correctivas", [
        ["Número", "Fecha de apertura", "Descripción", "Causa raíz", "Responsable", "Fecha límite", "Estado"],
        ["AC-01", day(1, 14), "Equipo de medición sin calibrar", "Falta de plan", "L. García", day(7, 31), "Abierto"],
        ["AC-02", day(2, 3), "Reclamación de cliente por embalaje", "Proveedor nuevo", "M. Ruiz", day(8, 31), "En curso"],
        ["AC-03", day(3, 9), "Registro de formación incompleto", "Archivo manual", "L. García", day(9, 30), "Abierto"],
        ["AC-04", day(4, 20), "Instrucción de trabajo obsoleta", "Sin revisión", "P. Soto", day(10, 15), "En curso"],
    ])
    save(wb, "openpyxl-spanish-capa.xlsx")


def gap_implemented():
    """Gap statuses as project words: Implemented, In progress, Done, Not started."""
    wb = book()
    sheet(wb, "Gap Analysis", [
        ["Clause", "Title", "Status", "Evidence", "Action", "Owner", "Target date"],
        ["4.4", "Quality management system and its processes", "Implemented", "Process map rev 1", "", "QM", ""],
        ["7.1.5.1", "Monitoring and measuring resources: general", "In progress", "Gauge list", "Calibrate remaining gauges", "QC", day(8, 31)],
        ["7.3", "Awareness", "Done", "Induction records", "", "HR", ""],
        ["8.4.1", "Control of externally provided processes, products and services: general", "Not started", "", "Supplier evaluation", "Purchasing", day(9, 30)],
        ["9.1.2", "Customer satisfaction", "In progress", "Survey draft", "Send survey", "Sales", day(10, 31)],
        ["9.2", "Internal audit", "Not started", "", "Audit programme", "QM", day(9, 1)],
    ])
    save(wb, "openpyxl-gap-implemented.xlsx")


def subclauses():
    """Sub-clause numbers from ISO 9001:2015 below the catalogue's level, beside their parents."""
    wb = book()
    sheet(wb, "Gap Analysis", [
        ["Clause", "Title", "Status", "Evidence", "Gap", "Owner", "Target date"],
        ["8.2.3", "Review of the requirements for products and services", "Compliant", "Contract review", "", "Sales", ""],
        ["8.2.3.1", "Review before committing to supply", "Compliant", "Order checklist", "", "Sales", ""],
        ["8.2.3.2", "Retain documented information of the review", "Partially compliant", "Some records", "Not kept for phone orders", "Sales", day(9, 30)],
        ["8.7.1", "Control of nonconforming outputs", "Compliant", "Quarantine area", "", "QC", ""],
        ["9.2.1", "Internal audit: conduct at planned intervals", "Partially compliant", "Audit plan", "Two processes not audited", "QM", day(10, 31)],
        ["9.2.2", "Internal audit: programme", "Compliant", "Programme 2026", "", "QM", ""],
        ["10.2.1", "Nonconformity and corrective action: react", "Compliant", "CAPA log", "", "QM", ""],
        ["10.2.2", "Retain documented information of nonconformities", "Non-compliant", "", "No record of results", "QM", day(8, 31)],
    ])
    save(wb, "openpyxl-subclauses.xlsx")


def clause_title_forms():
    """Clause and title in one cell: '8.5.1: Control of production …' and '8.5.2 - Identification …'."""
    wb = book()
    sheet(wb, "Gap Analysis", [
        ["Clause", "Status", "Evidence", "Gap / justification", "Owner", "Target date"],
        ["8.5.1: Control of production and service provision", "Compliant", "Route cards", "", "Production", ""],
        ["8.5.2 - Identification and traceability", "Partially compliant", "Lot labels", "Labels not on all bins", "Production", day(9, 30)],
        ["8.5.3: Property belonging to customers or external providers", "Not applicable", "", "No customer property is handled", "", ""],
        ["8.5.4 - Preservation", "Compliant", "Packing instruction", "", "Logistics", ""],
        ["8.5.5: Post-delivery activities", "Non-compliant", "", "No warranty follow-up", "Sales", day(10, 31)],
        ["8.5.6 - Control of changes", "Compliant", "Change requests", "", "QM", ""],
    ])
    save(wb, "openpyxl-clause-title-forms.xlsx")


def kpi_wide_iso_months():
    """A wide KPI tracker headed 2026-01 … 2026-06 (text headings, as a script writes them)."""
    wb = book()
    sheet(wb, "KPI dashboard", [
        ["KPI ID", "KPI", "Unit", "Direction", "Target", "Owner", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"],
        ["OTD", "On-time delivery", "%", "Higher is better", 95, "Logistics", 92.5, 94, 96.2, 95.1, 97, 96],
        ["NCR", "Nonconformity reports", "count", "Lower is better", 5, "QM", 7, 4, 6, 3, 2, ""],
        ["CSAT", "Customer satisfaction", "score", "Higher is better", 4.2, "Sales", "", "", 4.1, "", "", 4.4],
    ])
    save(wb, "openpyxl-kpi-wide-iso-months.xlsx")


def kpi_wide_quarters():
    """A wide KPI tracker with quarter columns Q1 2026 … Q4 2026."""
    wb = book()
    sheet(wb, "Quarterly KPIs", [
        ["KPI ID", "KPI", "Direction", "Target", "Frequency", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"],
        ["Q-01", "Supplier on-time delivery", "Higher is better", 90, "Quarterly", 87, 91, "", ""],
        ["Q-02", "Audit findings closed on time", "Higher is better", 80, "Quarterly", 75, 85, "", ""],
        ["Q-03", "Cost of poor quality (kEUR)", "Lower is better", 20, "Quarterly", 24, 18, "", ""],
        ["Q-04", "Training hours per employee", "Higher is better", 6, "Quarterly", 5, 7, "", ""],
    ])
    save(wb, "openpyxl-kpi-wide-quarters.xlsx")


def audit_planner():
    """An audit year planner: audits × months with P / C / X marks and a legend under it."""
    wb = book()
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    def marks(**m):
        return [m.get(k, "") for k in months]

    sheet(wb, "Audit planner", [
        ["Internal audit programme 2026"],
        [],
        ["Audit", "Scope", "Lead", *months, "Report"],
        ["Purchasing", "8.4", "J. Smith", *marks(Feb="C", Sep="P"), "IA-26-02"],
        ["Production", "8.5", "K. Roe", *marks(Mar="X", Oct="P"), "IA-26-03"],
        ["Design", "8.3", "J. Smith", *marks(Apr="C"), "IA-26-04"],
        ["Management review", "9.3", "CEO", *marks(May="C", Nov="P"), "MR-2026-1"],
        ["Sales and customer", "8.2", "K. Roe", *marks(Jul="P"), ""],
        ["Documented information", "7.5", "J. Smith", *marks(Aug="P"), ""],
        [],
        ["Legend: P = planned, C = completed, X = completed"],
    ])
    save(wb, "openpyxl-audit-planner.xlsx")


def supplier_1_10():
    """Supplier marks on a 1–10 scale, declared in the criteria block; one supplier's marks are all ≤ 5."""
    wb = book()
    sheet(wb, "Supplier Evaluation", [
        ["Criterion", "Weight (%)", "", "", "", "", "", "", "", ""],
        ["Quality", 40],
        ["Delivery", 30],
        ["Responsiveness", 15],
        ["Cost", 15],
        ["Total", 100],
        ["Scale", "1-10"],
        [],
        ["Supplier ID", "Supplier", "Products / services", "Criticality", "Quality", "Delivery", "Responsiveness", "Cost", "Evaluation date", "Status"],
        ["SUP-01", "Alpha Castings", "Castings", "Critical", 9, 8, 7, 6, day(2, 1), "Approved"],
        ["SUP-02", "Beta Plastics", "Moulded parts", "Major", 5, 5, 4, 5, day(2, 15), "Conditional"],
        ["SUP-03", "Gamma Logistics", "Transport", "Minor", 8, 10, 9, 7, day(3, 1), "Approved"],
        ["SUP-04", "Delta Labs", "Testing", "Major", 7, 6, 8, 5, day(3, 20), "Approved"],
    ])
    save(wb, "openpyxl-supplier-1-10.xlsx")


def supplier_percent():
    """Supplier ratings kept in percent columns: 'Quality %', 'Delivery %' …"""
    wb = book()
    sheet(wb, "Supplier Evaluation", [
        ["Supplier ID", "Supplier", "Criticality", "Quality %", "Delivery %", "Responsiveness %", "Cost %", "Evaluation date", "Status"],
        ["V-100", "Acme Springs", "Major", 92, 85, 80, 70, day(1, 30), "Approved"],
        ["V-101", "Bolt & Nut Co", "Minor", 75, 95, 60, 90, day(2, 27), "Approved"],
        ["V-102", "Cast Iron Works", "Critical", 55, 60, 50, 65, day(3, 31), "Conditional"],
    ])
    save(wb, "openpyxl-supplier-percent.xlsx")


def unrecognised_sheet():
    """A CAPA register beside a sheet that is no register at all (a contact list)."""
    wb = book()
    sheet(wb, "CAPA Log", [
        ["CAPA ID", "Date opened", "Source", "Description", "Owner", "Due date", "Status"],
        ["C-61", day(2, 2), "Internal audit", "Checklist not used", "Ann", day(8, 31), "Open"],
        ["C-62", day(3, 3), "Customer complaint", "Late delivery", "Ben", day(9, 30), "In progress"],
        ["C-63", day(4, 4), "Supplier", "Wrong material grade", "Cleo", day(10, 31), "Open"],
    ])
    sheet(wb, "Contacts", [
        ["Name", "Role", "Phone", "E-mail"],
        ["Ann Lee", "Quality manager", "+44 1632 960001", "ann@example.com"],
        ["Ben Ode", "Production lead", "+44 1632 960002", "ben@example.com"],
        ["Cleo Ray", "Purchasing", "+44 1632 960003", "cleo@example.com"],
    ])
    save(wb, "openpyxl-unrecognised-sheet.xlsx")


def profile_ticks():
    """A QMS profile whose yes/no field is a tick: Accredited ✓."""
    wb = book()
    sheet(wb, "QMS Profile", [
        ["Field", "Value"],
        ["Organization name", "Hollin Precision Ltd"],
        ["Certification scope", "Machining of aerospace brackets"],
        ["Sites in scope", 1],
        ["Effective personnel", 28],
        ["Risk category", "Medium"],
        ["Certification body", "BSI"],
        ["Accredited", "✓"],
        ["Currency", "GBP"],
    ])
    save(wb, "openpyxl-profile-ticks.xlsx")


def capa_true_errors():
    """A CAPA register with errors a reviewer wants flagged: 31 February, a due date before the opening date."""
    wb = book()
    sheet(wb, "CAPA Log", [
        ["CAPA ID", "Date opened", "Source", "Description", "Owner", "Due date", "Status"],
        ["C-71", day(1, 7), "Internal audit", "Gauge not calibrated", "Ann", day(7, 31), "Open"],
        ["C-72", "31/02/2026", "Customer complaint", "Wrong label", "Ben", day(8, 31), "Open"],
        ["C-73", day(3, 12), "Supplier", "Missing CoC", "Cleo", day(2, 1), "Open"],
        ["C-74", day(4, 1), "Internal audit", "Obsolete drawing", "Ann", day(9, 30), "In progress"],
    ])
    save(wb, "openpyxl-capa-true-errors.xlsx")


for make in [
    french_gap,
    spanish_capa,
    gap_implemented,
    subclauses,
    clause_title_forms,
    kpi_wide_iso_months,
    kpi_wide_quarters,
    audit_planner,
    supplier_1_10,
    supplier_percent,
    unrecognised_sheet,
    profile_ticks,
    capa_true_errors,
]:
    make()
