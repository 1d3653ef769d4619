#!/usr/bin/env bash
# What-if against a baseline on a generated preset: a cold pairing gives the baseline, then
# two what-ifs remove 1 % of the helpers (every 100th) — one with the automatic keep bonus
# (baseline pairs that cannot move are fixed; work follows the change), one with the same
# bonus given as a number (nothing fixed: the cold solve of the same model). Prints both
# times, their ratio and both objectives, which must be equal.
#   benchmarks/whatif_preset.sh [MATCH] [PRESET] [SEED]     defaults: release build, dalian, 1
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MATCH="${1:-$HERE/../.build/release/match}"
PRESET="${2:-dalian}"
SEED="${3:-1}"
DATA="$HERE/data/preset-$PRESET-$SEED"
[ -f "$DATA/households.csv" ] || "$MATCH" generate --preset "$PRESET" --seed "$SEED" --out "$DATA" >/dev/null
if [ ! -f "$DATA/out/pairs.csv" ]; then
    "$MATCH" pair --households "$DATA/households.csv" --helpers "$DATA/helpers.csv" --out "$DATA/out" --force >/dev/null
fi
removed=$(awk -F, 'NR > 1 && (NR - 2) % 100 == 0 { print $1 }' "$DATA/helpers.csv" | tr -d '\357\273\277' | tr '\n' ' ')
count=$(echo $removed | wc -w)
run() {  # $1 label, $2 policy file or ""
    local policy=()
    [ -n "$2" ] && policy=(--policy "$2")
    /usr/bin/time -f "%e %M" "$MATCH" whatif --households "$DATA/households.csv" --helpers "$DATA/helpers.csv" \
        --baseline "$DATA/out/pairs.csv" "${policy[@]}" --remove-helper $removed > "$DATA/whatif-$1.log" 2> "$DATA/whatif-$1.time"
    read -r wall kb < <(tail -1 "$DATA/whatif-$1.time")
    local objective
    objective=$(grep '^objective' "$DATA/whatif-$1.log" | awk '{print $2}')
    echo "$1 $wall $((kb / 1024)) $objective"
}
read -r _ warm_s warm_mb warm_obj < <(run warm "")
bonus=$(sed -n 's/.*keep bonus \([0-9]*\) per kept pair.*/\1/p' "$DATA/whatif-warm.log" | head -1)
printf 'whatif_keep_bonus: %s\n' "$bonus" > "$DATA/whatif-cold.yaml"
read -r _ cold_s cold_mb cold_obj < <(run cold "$DATA/whatif-cold.yaml")
echo "whatif $PRESET seed $SEED, $count helpers removed, keep bonus $bonus:"
echo "  fixed baseline pairs (auto): ${warm_s} s, ${warm_mb} MB, objective $warm_obj"
echo "  whole roll (same bonus):     ${cold_s} s, ${cold_mb} MB, objective $cold_obj"
echo "  ratio $(python3 -c "print(f'{$warm_s / $cold_s:.3f}')"), objectives $([ "$warm_obj" = "$cold_obj" ] && echo equal || echo DIFFER)"
