#!/bin/sh
# Writes the LibreOffice part of the reader's corpus: LibreOffice Calc (headless) opens files other writers made
# and saves them again as .xlsx in its own way (its own part names, styles, shared strings, drawings, pivot and
# comment parts). Run from this folder after make_openpyxl.py and make_handmade.py; needs soffice.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
convert() { # convert SOURCE TARGET
  soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$out" "$1" >/dev/null
  mv "$out/$(basename "${1%.*}").xlsx" "$2"
}
convert openpyxl-table-totals.xlsx libreoffice-table-totals.xlsx
convert openpyxl-title-hidden-names.xlsx libreoffice-title-hidden-names.xlsx
convert handmade-pivot.xlsx libreoffice-pivot.xlsx
convert handmade-image.xlsx libreoffice-image.xlsx
convert handmade-threaded-comments.xlsx libreoffice-comments.xlsx
convert handmade-inline-rich.xlsx libreoffice-rich-formulas.xlsx
convert handmade-x14-validation.xlsx libreoffice-validation.xlsx
convert handmade-chart-sheet.xlsx libreoffice-chart-sheet.xlsx
convert handmade-hidden-1904-names.xlsx libreoffice-1904.xlsx
convert openpyxl-formulas.xlsx libreoffice-formulas.xlsx
