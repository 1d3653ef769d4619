#!/usr/bin/env bash
# Renders the workbooks `match` writes (--format xlsx) in LibreOffice Calc, as an office
# would print them: each workbook to PDF, then pages to PNG (not part of CI). Writes
# docs/rendering/workbook-*.png and docs/rendering/check-workbook-rendering.log.
# Needs libreoffice-calc, poppler-utils and fonts-noto-cjk (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
docs=docs/rendering
work=out/workbook-rendering
mkdir -p "$docs"
exec > >(tee "$docs/check-workbook-rendering.log") 2>&1
echo "== versions"
soffice --version
pdftoppm -v 2>&1 | head -1 || true
echo "== build and pair the Xigang district (release)"
swift build -c release 2>&1 | tail -1
match=.build/release/match
rm -rf "$work"
"$match" generate --preset xigang --seed 1 --out "$work/roll" >/dev/null
roll=(--households "$work/roll/households.csv" --helpers "$work/roll/helpers.csv")
"$match" pair "${roll[@]}" --lang zh --format xlsx --public --out "$work/zh" | tail -1
"$match" pair "${roll[@]}" --format xlsx --out "$work/en" | tail -1
"$match" export "${roll[@]}" --pairs "$work/zh/pairs.xlsx" --by street --lang zh --format xlsx --out "$work/streets"
render() {  # workbook name pages
    soffice --headless --convert-to pdf --outdir "$work/pdf" "$1" >/dev/null 2>&1
    local pdf="$work/pdf/$(basename "${1%.xlsx}").pdf"
    echo "$1: $(pdfinfo "$pdf" 2>/dev/null | grep -E '^Pages|^Page size' | tr -s ' ' | tr '\n' ';')"
    pdftoppm -png -r 80 -f 1 -l "$3" "$pdf" "$docs/workbook-$2"
    # The last page is the summary sheet when there is one.
    if [ "${4:-}" = summary ]; then
        local last; last=$(pdfinfo "$pdf" | awk '/^Pages/ {print $2}')
        pdftoppm -png -r 80 -f "$last" -l "$last" -singlefile "$pdf" "$docs/workbook-$2-summary"
    fi
}
render "$work/zh/pairs.xlsx" pairs-zh 1 summary
render "$work/zh/public.xlsx" public-zh 1
render "$work/en/unpaired.xlsx" unpaired-en 1
street=$(ls "$work/streets" | head -1)
render "$work/streets/$street" street-zh 1
ls -la "$docs"/workbook-*.png
