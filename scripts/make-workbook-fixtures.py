#!/usr/bin/env python3
"""Writes the test workbooks in Tests/MatcherTests/Fixtures/workbooks with openpyxl, a writer
independent of the project's own (libxlsxwriter), and then edits some of them the way other
programs write them (WPS's inline strings, phonetic runs, cells without references, paths in
another case). Run from the repository root, in a venv with openpyxl:

    python3 scripts/make-workbook-fixtures.py [ROLL_DIR]

ROLL_DIR holds households.csv and helpers.csv of a small roll (the first rows of
`match generate --preset xigang --seed 7`); without it, only the hand-made fixtures are written.
The files are committed; rerun only to change them.
"""
import csv
import io
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

OUT = "Tests/MatcherTests/Fixtures/workbooks"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

HEADER = ["户编号", "户主姓名", "区", "街道", "社区", "人口", "困难程度", "物质", "医疗", "身份证号", "电话"]


def save(wb, name):
    # openpyxl stamps the time of writing into docProps/core.xml; fix it so reruns are stable.
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2026, 1, 1)
    path = os.path.join(OUT, name)
    wb.save(path)
    restamp(path)
    return path


def restamp(path, rename=None, edit=None, add=None):
    """Rewrites the ZIP with fixed entry times; `rename` maps entry names, `edit` entry texts,
    `add` adds entries."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    items += [(name, text.encode("utf-8")) for name, text in (add or {}).items()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
            if edit and name in edit:
                data = edit[name](data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo((rename or {}).get(name, name), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def households_sheet(wb, title="低保户"):
    ws = wb.active
    ws.title = title
    ws.append(HEADER)
    rows = [
        ["H001", "张晓华", "西岗区", "白云街道", "春柳社区", 3.0, 4, 2, 1, "210203198001011234", "13800000001"],
        ["H002", "欧阳明华", "西岗区", "白云街道", "春柳社区", 1, 2, 0, 3, "21020319851231002X", None],
        None,  # a blank row, skipped
        ["H003", "李四", "西岗区", "香炉礁街道", "香工社区", 2, 5, 3, 0, None, "13800000003"],
    ]
    for row in rows:
        ws.append(row or [])
    # Identity and phone numbers as text cells, as an office that formats the column as 文本.
    for column in ("J", "K"):
        for cell in ws[column][1:]:
            cell.number_format = "@"
    return ws


def to_shared_strings(path):
    """openpyxl 3.1 writes every text as an inline string; Excel writes a shared-string table.
    Moves the texts (rich-text runs kept) into xl/sharedStrings.xml, as Excel would."""
    table = []

    def shared(m):
        attrs, body = m.group(1).replace(' t="inlineStr"', ""), m.group(2)
        if body not in table:
            table.append(body)
        return f'<c{attrs} t="s"><v>{table.index(body)}</v></c>'

    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'<c([^>]*t="inlineStr"[^>]*)><is>(.*?)</is></c>', shared, sheet)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(table)}" uniqueCount="{len(table)}">'
           + "".join(f"<si>{t}</si>" for t in table) + "</sst>")
    rel = ('<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml" Id="rId9" /></Relationships>')
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    restamp(path, edit={
        "xl/worksheets/sheet1.xml": lambda _: sheet,
        "xl/_rels/workbook.xml.rels": lambda t: t.replace("</Relationships>", rel),
        "[Content_Types].xml": lambda t: t.replace("</Types>", override),
    }, add={"xl/sharedStrings.xml": sst})


def hand_made():
    # 1. Shared strings (Excel's way), a sheet in Chinese, 3.0 for an integer, a blank row,
    #    a rich-text name (two runs) and the 身份证号 as text.
    wb = openpyxl.Workbook()
    ws = households_sheet(wb)
    ws["B3"] = CellRichText([TextBlock(InlineFont(b=True), "欧阳"), "明华"])
    path = save(wb, "households-shared-strings.xlsx")
    to_shared_strings(path)
    restamp(path, edit={"xl/worksheets/sheet1.xml": lambda t: t.replace('<c r="F2" t="n"><v>3</v>', '<c r="F2" t="n"><v>3.0</v>')})

    # 2. The same, as WPS and many generators write it: inline strings, no r on rows and
    #    cells, a phonetic run that must not be read, a wrong dimension, and the sheet's
    #    part in another case behind a backslash.
    wb = openpyxl.Workbook()
    households_sheet(wb)
    path = save(wb, "households-inline-strings.xlsx")

    def inline(sheet):
        sheet = sheet.replace("<is><t>张晓华</t></is>",
                              '<is><r><t>张晓华</t></r><rPh sb="0" eb="3"><t>zhang xiao hua</t></rPh></is>')
        sheet = re.sub(r' r="[A-Z]+\d+"', "", sheet)  # cells without references
        sheet = re.sub(r'<row r="\d+"', "<row", sheet)  # rows without numbers …
        sheet = re.sub(r"<row */>|<row></row>", "", sheet)
        sheet = sheet.replace("<row>", "<row>", 1)
        return re.sub(r'<dimension ref="[^"]*" */>', '<dimension ref="A1:B2"/>', sheet)  # … a wrong dimension

    restamp(path, edit={"xl/worksheets/sheet1.xml": inline},
            rename={"xl/worksheets/sheet1.xml": "XL\\Worksheets\\Sheet1.xml"})

    # 3. 身份证号 typed as a number (Excel keeps 15 digits): refused, with the cell named.
    wb = openpyxl.Workbook()
    ws = households_sheet(wb)
    ws["J2"] = 210203198001011234
    ws["J2"].number_format = "0"
    ws["F3"] = 3.5  # and a fractional member count, an error of its own
    save(wb, "households-number-id.xlsx")

    # 4. Helpers, with a hidden first sheet (the first visible one is read).
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["this hidden sheet is not the table"])
    notes.sheet_state = "hidden"
    ws = wb.create_sheet("帮扶人")
    ws.append(["编号", "名称", "类型", "帮扶户数", "区", "街道", "社区", "物质", "医疗", "单位"])
    ws.append(["G01", "王五", "干部", 2, "西岗区", "白云街道", None, 3, 3, "区民政局"])
    ws.append(["G02", "大连港党支部", "党支部", 1.0, "西岗区", None, None, 2, 0, None])
    save(wb, "helpers.xlsx")


def roll(directory):
    """The first rows of a generated roll, saved as workbooks (numbers as number cells)."""
    for name, limit in (("households", 400), ("helpers", 120)):
        with open(os.path.join(directory, name + ".csv"), encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))[: limit + 1]
        with open(os.path.join(OUT, f"roll-{name}.csv"), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Sheet1"
        header = rows[0]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                numeric = r > 0 and re.fullmatch(r"-?\d+", value) and header[c] not in ("id", "id_number", "phone")
                cell = ws.cell(row=r + 1, column=c + 1, value=int(value) if numeric else (value or None))
                if header[c] in ("id_number", "phone"):
                    cell.number_format = "@"
        save(wb, f"roll-{name}.xlsx")


def zip_bomb(path, size, declared=None):
    """A workbook whose sheet is `size` bytes of one repeated row (deflated to about a
    thousandth); `declared` writes a smaller uncompressed size into the headers, a lie."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + row * (size // len(row)) + b"</sheetData></worksheet>")
    wb = openpyxl.Workbook()
    wb.active.append(["id"])
    tmp = path + ".tmp"
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    os.remove(tmp)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, sheet if name == "xl/worksheets/sheet1.xml" else data)
    if declared is not None:
        data = bytearray(open(path, "rb").read())
        real = len(sheet).to_bytes(4, "little")
        # The size sits at offset 22 of the local header and 24 of the central record.
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            i = data.find(signature)
            while i >= 0:
                if data[i + offset: i + offset + 4] == real:
                    data[i + offset: i + offset + 4] = declared.to_bytes(4, "little")
                i = data.find(signature, i + 1)
        open(path, "wb").write(bytes(data))


def corpus(directory="Fuzz/corpus/workbook-reader"):
    """Seeds for Fuzz/WorkbookReaderFuzz.swift: byte 0 says households (0) or helpers (1)."""
    os.makedirs(directory, exist_ok=True)

    def seed(name, mode, path):
        with open(path, "rb") as f:
            data = f.read()
        with open(os.path.join(directory, name), "wb") as f:
            f.write(bytes([mode]) + data)

    for name in ("households-shared-strings", "households-inline-strings", "households-number-id"):
        seed(name, 0, os.path.join(OUT, name + ".xlsx"))
    seed("helpers-hidden-first-sheet", 1, os.path.join(OUT, "helpers.xlsx"))
    laughs = os.path.join(OUT, "laughs.tmp")
    wb = openpyxl.Workbook()
    wb.active.append(["id"])
    wb.save(laughs)
    restamp(laughs, edit={"xl/workbook.xml": lambda t: t.replace(
        "<workbook", '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><workbook', 1)})
    seed("billion-laughs", 0, laughs)
    os.remove(laughs)
    for name, declared in (("zip-bomb-20mb", None), ("zip-bomb-lying-size", 1000)):
        bomb = os.path.join(OUT, name + ".tmp")
        zip_bomb(bomb, 20 << 20, declared)
        seed(name, 0, bomb)
        os.remove(bomb)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    hand_made()
    if len(sys.argv) > 1:
        roll(sys.argv[1])
    corpus()
