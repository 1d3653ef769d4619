#!/usr/bin/env python3
"""Reads the workbooks `match` writes with openpyxl, an independent reader, and checks them
against the CSV files of the same run: the same rows, Chinese intact, identifiers and identity
numbers as text cells, figures as number cells, and the layout for printing (bold frozen
header with filters, header row repeated, landscape, one page wide, a summary sheet).

    python3 scripts/check-workbooks.py MATCH HOUSEHOLDS.csv HELPERS.csv WORKDIR

Exits non-zero with the first difference found.
"""
import csv
import os
import subprocess
import sys

import openpyxl

TEXT_HEADERS = {"household_id", "helper_id", "户编号", "帮扶人编号"}
NUMBER_HEADERS = {"severity", "cost", "need_cost", "distance_cost", "keep_cost", "unpaired_cost",
                  "困难程度", "成本", "需求成本", "距离成本", "保持减免", "未结对成本"}


def fail(message):
    print("check-workbooks: " + message, file=sys.stderr)
    sys.exit(1)


def run(match, *args):
    done = subprocess.run([match, *args], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"match {' '.join(args)} failed: {done.stderr.strip()}")


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def check(xlsx, csv_path, summary_sheet):
    wb = openpyxl.load_workbook(xlsx)
    ws = wb.worksheets[0]
    expected = csv_rows(csv_path)
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) != len(expected):
        fail(f"{xlsx}: {len(rows)} rows, {csv_path} has {len(expected)}")
    header = expected[0]
    for r, (got, want) in enumerate(zip(rows, expected), start=1):
        got = ["" if v is None else str(v) for v in got] + [""] * (len(want) - len(got))
        if got[: len(want)] != want:
            fail(f"{xlsx} row {r}: {got} != {want}")
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        for c, cell in enumerate(row):
            if cell.value is None:
                continue
            if header[c] in TEXT_HEADERS and cell.data_type != "s":
                fail(f"{xlsx}!{cell.coordinate}: an id stored as {cell.data_type}, not text")
            if header[c] in NUMBER_HEADERS and not isinstance(cell.value, int):
                fail(f"{xlsx}!{cell.coordinate}: a figure stored as {type(cell.value).__name__}, not a number")
    if not all(c.font.b for c in ws[1]):
        fail(f"{xlsx}: the header row is not bold")
    if ws.freeze_panes != "A2":
        fail(f"{xlsx}: the header row is not frozen ({ws.freeze_panes})")
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail(f"{xlsx}: no filters on the header ({ws.auto_filter.ref})")
    if ws.print_title_rows != "$1:$1":
        fail(f"{xlsx}: the header row is not repeated on printed pages ({ws.print_title_rows})")
    if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToHeight not in (0, "0"):
        fail(f"{xlsx}: not printed one page wide")
    # Landscape when the columns are wider than a portrait A4 page takes (100 character
    # units, as the writer decides; the file's widths carry a little padding, hence the margin).
    total = sum(min(60, ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width) for c in range(len(header)))
    if (total > 110 and ws.page_setup.orientation != "landscape") or (total < 95 and ws.page_setup.orientation != "portrait"):
        fail(f"{xlsx}: columns {total:.0f} characters wide, printed {ws.page_setup.orientation}")
    if ws.title not in (ws.oddHeader.center.text or ""):
        fail(f"{xlsx}: the printed page heading does not name the list ({ws.oddHeader.center.text})")
    for c, title in enumerate(header):
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width
        if width < len(title):
            fail(f"{xlsx}: column {title} is {width} wide, narrower than its header")
    if summary_sheet and (len(wb.worksheets) < 2 or wb.worksheets[1].title != summary_sheet):
        fail(f"{xlsx}: no summary sheet {summary_sheet} ({wb.sheetnames})")
    return len(rows) - 1


def main():
    match, households, helpers, work = sys.argv[1:5]
    checked = []
    for lang, summary in (("en", "Summary"), ("zh", "概况")):
        out_csv, out_xlsx = os.path.join(work, f"csv-{lang}"), os.path.join(work, f"xlsx-{lang}")
        common = ["pair", "--households", households, "--helpers", helpers, "--lang", lang, "--public", "--force"]
        run(match, *common, "--out", out_csv)
        run(match, *common, "--out", out_xlsx, "--format", "xlsx")
        for name, sheet in (("pairs", summary), ("unpaired", None), ("public", None)):
            n = check(os.path.join(out_xlsx, name + ".xlsx"), os.path.join(out_csv, name + ".csv"), sheet)
            checked.append(f"{lang}/{name} {n} rows")
    zh = openpyxl.load_workbook(os.path.join(work, "xlsx-zh", "pairs.xlsx")).worksheets[0]
    if zh.title != "结对名单" or zh["B1"].value != "户主姓名":
        fail(f"the Chinese workbook's sheet or header is not Chinese ({zh.title}, {zh['B1'].value})")
    print("check-workbooks: openpyxl reads the same rows as the CSV files: " + ", ".join(checked))


if __name__ == "__main__":
    main()
