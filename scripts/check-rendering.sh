#!/usr/bin/env bash
# Renders what people open, in real programs, and keeps the pictures (not part of CI):
# the Xigang sample's report.html in headless Chromium, and its Chinese pairs.csv (UTF-8
# with BOM, and GB18030) in LibreOffice Calc, converted to PDF and then to PNG.
# Writes docs/rendering/*.png and docs/rendering/check-rendering.log.
# Needs root or sudo for apt-get (chromium, libreoffice-calc, fonts-noto-cjk, poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
docs=docs/rendering
work=out/rendering
mkdir -p "$docs"
log="$docs/check-rendering.log"
exec > >(tee "$log") 2>&1

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-calc)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} with apt-get..."
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/setup.sh
echo "== versions"
chromium --version 2>/dev/null || true
soffice --version
pdftoppm -v 2>&1 | head -1 || true
fc-list :lang=zh family | sort -u | head -3 || true

echo "== build and pair the sample (release)"
swift build -c release 2>&1 | tail -1
match=.build/release/match
rm -rf "$work"
sample=(--households samples/xigang/households.csv --helpers samples/xigang/helpers.csv --policy samples/xigang/policy.yaml)
"$match" pair "${sample[@]}" --lang zh --report --public --out "$work/zh"
"$match" pair "${sample[@]}" --lang zh --output-encoding gb18030 --out "$work/gb18030"
"$match" report "${sample[@]}" --pairs "$work/zh/pairs.csv" --out "$work/report-en.html"

echo "== report.html in headless Chromium"
shoot() {  # html png height
    # --virtual-time-budget lets the page settle; the window is as tall as the page.
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size=860,"$3" --virtual-time-budget=2000 --screenshot="$2" "file://$PWD/$1" 2>/dev/null
    echo "$2: $(stat -c %s "$2") bytes"
}
shoot "$work/zh/report.html" "$docs/report-zh.png" 3100
shoot "$work/report-en.html" "$docs/report-en.png" 3100

echo "== pairs.csv in LibreOffice Calc (header and 40 pairs, PDF, PNG)"
# CSV import options: separator 44 (,), text delimiter 34 ("), character set (76 UTF-8,
# 85 GB18030: rtl_TextEncoding numbers), start at line 1.
convert() {  # csv charset name
    local dir="$work/lo-$3"
    mkdir -p "$dir"
    head -n 41 "$1" > "$dir/$3.csv"   # the header and 40 pairs: one page
    # SinglePageSheets: the whole sheet on one PDF page, so every column shows.
    soffice --headless --norestore --infilter="Text - txt - csv (StarCalc):44,34,$2,1" \
        --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
        --outdir "$dir" "$dir/$3.csv" >/dev/null 2>&1
    pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$dir/$3.pdf" "$docs/$3"
    echo "$docs/$3.png: $(stat -c %s "$docs/$3.png") bytes (from $(head -c 3 "$1" | od -An -tx1 | tr -d ' ') …)"
}
convert "$work/zh/pairs.csv" 76 pairs-zh-utf8bom
convert "$work/gb18030/pairs.csv" 85 pairs-zh-gb18030
if cmp -s "$docs/pairs-zh-utf8bom.png" "$docs/pairs-zh-gb18030.png"; then
    echo "the two pictures are identical: both encodings import as the same sheet"
else
    echo "the two pictures differ: compare them"
fi
echo "done: look at $docs/*.png"
