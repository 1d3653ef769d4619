#!/usr/bin/env python3
"""Saves a roll's CSV file as an .xlsx workbook with openpyxl, as an office would keep it:
whole numbers as number cells, ids, identity and phone numbers as text cells.

    python3 benchmarks/csv_to_xlsx.py IN.csv OUT.xlsx [--shared-strings]

openpyxl writes every text as an inline string (as WPS and many generators do);
--shared-strings moves them into a shared-string table, as Excel does.
"""
import csv
import re
import sys
import zipfile

import openpyxl

TEXT_COLUMNS = {"id", "id_number", "phone", "household_id", "helper_id"}


def convert(source, target):
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    header = rows[0]
    text = [name in TEXT_COLUMNS for name in header]
    ws.append(header)
    for row in rows[1:]:
        ws.append([v if text[i] or not re.fullmatch(r"-?\d{1,9}", v) else int(v) for i, v in enumerate(row)])
    wb.save(target)


def shared_strings(path):
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    table, index = [], {}

    def shared(m):
        attrs, body = m.group(1).replace(' t="inlineStr"', ""), m.group(2)
        if body not in index:
            index[body] = len(table)
            table.append(body)
        return f'<c{attrs} t="s"><v>{index[body]}</v></c>'

    out = []
    for name, data in items:
        if name == "xl/worksheets/sheet1.xml":
            data = re.sub(r'<c([^>]*t="inlineStr"[^>]*)><is>(.*?)</is></c>', shared, data.decode()).encode()
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.decode().replace("</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>').encode()
        elif name == "[Content_Types].xml":
            data = data.decode().replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>').encode()
        out.append((name, data))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si>{t}</si>" for t in table) + "</sst>")
    out.append(("xl/sharedStrings.xml", sst.encode()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in out:
            z.writestr(name, data)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
    if "--shared-strings" in sys.argv[3:]:
        shared_strings(sys.argv[2])
