#!/bin/sh
# Writes the LibreOffice part of the habit corpus: LibreOffice Calc (headless) imports a register kept as CSV (the
# way many registers arrive: exported from a form, a tracker or another site's spreadsheet) or opens another writer's
# file, and saves it as .xlsx in its own way. Each workbook is one habit (issue 10, "Why"); what each should give is
# in expected.json. Run from this folder after make_exceljs.mjs; needs soffice. The files are committed; this script
# is how they were made.
set -eu
src=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$src" "$out"' EXIT
# CSV import: comma, double quote, UTF-8 (76), from line 1; ISO dates (2026-01-12) become date cells.
csv() { # csv NAME TARGET (CSV text on stdin)
  cat >"$src/$1.csv"
  soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$out" \
    "$src/$1.csv" >/dev/null
  mv "$out/$1.xlsx" "$2"
}
# The same as a German LibreOffice reads it (language 1031): 12.01.2026 is a date, WAHR and FALSCH are booleans.
csv_de() { # csv_de NAME TARGET (CSV text on stdin)
  cat >"$src/$1.csv"
  soffice --headless --infilter="CSV:44,34,76,1,,1031,false,true" --convert-to xlsx:"Calc MS Excel 2007 XML" \
    --outdir "$out" "$src/$1.csv" >/dev/null
  mv "$out/$1.xlsx" "$2"
}
convert() { # convert SOURCE TARGET
  cp "$1" "$src/$(basename "$1")"
  soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$out" "$src/$(basename "$1")" >/dev/null
  mv "$out/$(basename "${1%.*}").xlsx" "$2"
}

# A QMS profile pasted from a German LibreOffice: the yes/no field reads WAHR.
csv Profil libreoffice-profile-wahr.xlsx <<'EOF'
Field,Value
Organization name,Keller Feinmechanik GmbH
Certification scope,Feinmechanische Baugruppen
Sites in scope,2
Effective personnel,55
Risk category,High
Certification body,TÜV Nord
Accredited,WAHR
Currency,EUR
EOF

# A German CAPA list whose effectiveness column is Ja / Nein.
csv Massnahmen libreoffice-capa-ja-nein.xlsx <<'EOF'
CAPA-Nr,Eröffnet am,Beschreibung,Ursache,Korrekturmaßnahme,Verantwortlich,Fällig am,Stand,Abgeschlossen am,Wirksam?,Geprüft von
M-01,2026-01-08,Messmittel ohne Prüfsiegel,Kein Prüfplan,Prüfplan eingeführt,H. Meier,2026-03-31,Abgeschlossen,2026-03-20,Ja,QMB
M-02,2026-01-22,Falsche Verpackung beim Kunden,Arbeitsanweisung unklar,Anweisung überarbeitet,S. Braun,2026-04-15,Abgeschlossen,2026-04-10,Nein,QMB
M-03,2026-02-19,Schulung nicht dokumentiert,Ablage fehlt,,T. Wolf,2026-08-31,In Bearbeitung,,,
M-04,2026-03-12,Lieferant ohne Zertifikat,Vertrag unklar,Vertrag ergänzt,H. Meier,2026-05-31,Abgeschlossen,2026-05-28,Ja,QMB
EOF

# A German LibreOffice's CAPA list: German dates, and Wirksam? as WAHR / FALSCH booleans (checkbox cells).
csv_de Korrekturmassnahmen libreoffice-capa-wahr-falsch.xlsx <<'EOF'
CAPA-Nr,Eröffnet am,Beschreibung,Ursache,Korrekturmaßnahme,Verantwortlich,Fällig am,Stand,Abgeschlossen am,Wirksam?,Geprüft von
K-11,12.01.2026,Prüfanweisung veraltet,Keine Freigabe,Freigabeprozess,H. Meier,31.03.2026,Abgeschlossen,10.03.2026,WAHR,QMB
K-12,02.02.2026,Falsche Etiketten,Druckvorlage alt,Vorlage gesperrt,S. Braun,31.08.2026,In Bearbeitung,,FALSCH,
K-13,16.03.2026,Lieferschein fehlt,Ablauf unklar,Checkliste,T. Wolf,30.04.2026,Abgeschlossen,28.04.2026,FALSCH,QMB
K-14,14.04.2026,Wartung überfällig,Plan fehlt,,H. Meier,30.09.2026,Offen,,FALSCH,
EOF

# A CAPA log whose Effective? column is ticked with X and ✓.
csv Effective libreoffice-capa-ticks.xlsx <<'EOF'
CAPA ID,Date opened,Description,Root cause,Corrective action,Owner,Due date,Status,Date closed,Effective?,Verified by
T-01,2026-01-15,Incoming goods not inspected,No inspection plan,Plan issued,Ann,2026-03-31,Closed,2026-03-02,X,QM
T-02,2026-02-04,Customer drawing superseded,No revision check,Revision check at order entry,Ben,2026-04-30,Closed,2026-04-21,✓,QM
T-03,2026-03-18,Torque values not recorded,Form lacks field,Form updated,Cleo,2026-07-31,Awaiting verification,2026-06-20,,
T-04,2026-04-09,Supplier late three times,Capacity,Second source,Ben,2026-09-30,In progress,,,
EOF

# A gap analysis answered in the sheet's own words: Y / N / Partly / n.a. under "Compliant?".
csv Gaps libreoffice-gap-yes-no.xlsx <<'EOF'
Clause,Title,Compliant?,Evidence,Gap / justification,Owner,Target date
4.1,Understanding the organization and its context,Y,SWOT 2025,,MD,
6.1,Actions to address risks and opportunities,Partly,Risk register,Opportunities missing,QM,2026-09-30
7.2,Competence,N,,No competence matrix,HR,2026-08-31
8.3.1,Design and development: general,n.a.,,No design: build to print,,
9.1.2,Customer satisfaction,Y,Survey 2025,,Sales,
EOF

# A wide KPI tracker with Q1 … Q4 columns and the year only in the title.
csv KPI libreoffice-kpi-wide-quarters.xlsx <<'EOF'
KPI 2026,,,,,,,,
,,,,,,,,
KPI ID,KPI,Direction,Target,Owner,Q1,Q2,Q3,Q4
P1,Right first time,Higher is better,98,Production,97.2,98.4,,
P2,Customer returns,Lower is better,0.5,QM,0.7,0.4,,
P3,Audit actions closed on time,Higher is better,90,QM,85,92,,
EOF

# An audit year planner headed Jan 2026 … Dec 2026, P / C marks and a legend in two cells below.
csv Planner libreoffice-audit-planner.xlsx <<'EOF'
Audit area,Lead,Jan 2026,Feb 2026,Mar 2026,Apr 2026,May 2026,Jun 2026,Jul 2026,Aug 2026,Sep 2026,Oct 2026,Nov 2026,Dec 2026,Report reference
Goods-in inspection,A. Park,,C,,,,,,,P,,,,IA-01
Machining,B. Lund,,,C,,,,,,,P,,,IA-02
Maintenance,A. Park,,,,,C,,,,,,,,IA-03
Calibration,B. Lund,,,,,,,P,,,,,,
Dispatch,A. Park,,,,,,,,,,,P,,
,,,,,,,,,,,,,,
P = planned,,,,,,,,,,,,,,
C = completed,,,,,,,,,,,,,,
EOF

# A gap analysis with a summary block under it after a blank gap ("Compliant: 3").
csv Summary libreoffice-summary-block.xlsx <<'EOF'
Clause,Title,Status,Evidence,Gap,Owner,Target date
4.3,Determining the scope of the quality management system,Compliant,Scope statement,,QM,
5.3,"Organizational roles, responsibilities and authorities",Compliant,Org chart,,MD,
6.3,Planning of changes,Non-compliant,,No change procedure,QM,2026-10-31
7.4,Communication,Partially compliant,Notice board,No communication plan,HR,2026-09-30
8.5.1,Control of production and service provision,Compliant,Route cards,,Production,
,,,,,,
,,,,,,
Compliant: 3,,,,,,
Partially compliant: 1,,,,,,
Non-compliant: 1,,,,,,
EOF

# A Spanish supplier evaluation: Spanish headers, criticality and status words.
csv Proveedores libreoffice-spanish-supplier.xlsx <<'EOF'
Código proveedor,Proveedor,Productos,Criticidad,Calidad,Entrega,Capacidad de respuesta,Coste,Fecha de evaluación,Estado
P-001,Aceros del Norte SA,Barras de acero,Crítico,5,4,4,3,2026-01-20,Aprobado
P-002,Plásticos Levante SL,Piezas inyectadas,Mayor,3,3,4,4,2026-02-11,Aprobado
P-003,Transportes Ruiz,Transporte,Menor,4,5,4,4,2026-03-02,Aprobado
EOF

# Typos in gap statuses, each of which should come with a "did you mean".
csv Typos libreoffice-gap-typos.xlsx <<'EOF'
Clause,Title,Status,Evidence,Gap / justification,Owner,Target date
4.2,Understanding the needs and expectations of interested parties,Complient,Register,,QM,
6.2,Quality objectives and planning to achieve them,Partialy compliant,Objectives,No plans,QM,2026-09-30
7.1.6,Organizational knowledge,Compliant,Lessons learnt file,,QM,
8.2.4,Changes to requirements for products and services,Not aplicable,,No changes after order,,
8.6,Release of products and services,Compliant,Release records,,QC,
EOF

# An Excel table with a totals row, as LibreOffice saves another writer's table.
convert exceljs-table-totals.xlsx libreoffice-table-totals.xlsx
