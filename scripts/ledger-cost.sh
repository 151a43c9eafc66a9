#!/usr/bin/env bash
# What the figure ledger and the figure rules cost, counted rather than timed: wall time on a
# shared two-core machine moves by more than the changes worth measuring (issue 6).
#
# Runs `cost_figures_on` and `cost_figures_off` from tests/figure_eval.rs (five passes of the
# engine over ../shared/corpus, plain and Markdown) under valgrind, and prints the difference per
# pass of both kinds: instructions and mispredicted branches (callgrind), L1 instruction and
# data misses (cachegrind), then the ledger's own share. Needs valgrind (`apt-get install
# valgrind`); about two minutes after the build.
#
#   scripts/ledger-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "ledger-cost: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -d ../shared/corpus ] || { echo "ledger-cost: ../shared/corpus not found" >&2; exit 2; }
target=${CARGO_TARGET_DIR:-target}/ledger-cost
mkdir -p "$target"
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR="$target" \
    cargo test --release --test figure_eval --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "figure_eval":
        print(m["executable"])' >"$target/exe"
exe=$(cat "$target/exe")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for side in on off; do
    valgrind --tool=callgrind --branch-sim=yes --callgrind-out-file="$out/cg.$side" \
        "$exe" --ignored --exact "cost_figures_$side" --test-threads=1 >/dev/null 2>"$out/cg.$side.log"
    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file="$out/cc.$side" \
        "$exe" --ignored --exact "cost_figures_$side" --test-threads=1 >/dev/null 2>"$out/cc.$side.log"
done
python3 - "$out" <<'EOF'
import re, subprocess, sys
out = sys.argv[1]
def totals(path, tool):
    text = open(f"{path}.log").read()
    if tool == "cg":
        m = re.search(r"Collected : (\d+) (\d+) (\d+)", text)
        return {"instructions": int(m[1]), "mispredicted branches": int(m[3])}
    get = lambda k: int(re.search(k + r":\s+([\d,]+)", text)[1].replace(",", ""))
    return {"L1 instruction misses": get("I1  misses"), "L1 data misses": get("D1  misses")}
passes = 5  # cost() in tests/figure_eval.rs: five passes of plain and Markdown
print("per pass of the corpus (plain + Markdown), figure and date rules on minus off:")
for tool in ("cg", "cc"):
    on, off = totals(f"{out}/{tool}.on", tool), totals(f"{out}/{tool}.off", tool)
    for k in on:
        print(f"  {k:>24}: {(on[k] - off[k]) / passes:>12,.0f}  ({off[k] / passes:,.0f} → {on[k] / passes:,.0f})")
ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--show=Ir,Bcm", f"{out}/cg.on"],
                     capture_output=True, text=True).stdout
for l in ann.splitlines():
    if re.search(r"figures::Ledger::build_with \[", l):
        nums = re.findall(r"([\d,]+) \(", l)
        print(f"  {'Ledger::build':>24}: {int(nums[0].replace(',', '')) / passes:>12,.0f} instructions, "
              f"{int(nums[1].replace(',', '')) / passes:,.0f} mispredicted branches")
        break
EOF
