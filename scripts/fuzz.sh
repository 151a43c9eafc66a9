#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer), one target at a time (-jobs=1: the machine is shared).
#
#   scripts/fuzz.sh smoke            every target for ~15 s (about a minute in all); exit 1 on a crash
#   scripts/fuzz.sh long [SECONDS]   every target for SECONDS (default 600), for the closing note
#   scripts/fuzz.sh run TARGET SECONDS   one target
#
# Targets (fuzz/fuzz_targets/, assertions in fuzz/src/lib.rs): engine_bytes, engine_utf8,
# positions, incremental_sync, safe_fixes. Each starts from its hand-written seeds (fuzz/seeds/<target>/)
# and the corpus it grew before (fuzz/corpus/<target>/, not committed). A crash is saved in
# fuzz/artifacts/<target>/; keep it as tests/data/fuzz-regressions/<target>/<what-broke> once fixed.
# Figures (seconds, executions, corpus size) are appended to fuzz/artifacts/figures.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGETS=(engine_bytes engine_utf8 positions incremental_sync safe_fixes)

# cargo-fuzz, installed into the project's own target/ when missing; libFuzzer needs nightly.
export PATH="$ROOT/target/tools/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz into target/tools"
    cargo install cargo-fuzz --locked --root "$ROOT/target/tools"
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "== installing the nightly toolchain (libFuzzer instrumentation needs it)"
    rustup toolchain install nightly --profile minimal
fi

# --sanitizer none: the engine is safe Rust, and without ASan libFuzzer runs about twice as
# many inputs; -a keeps debug assertions and overflow checks on.
FUZZ_FLAGS=(--sanitizer none -a --release)
BIN="$ROOT/fuzz/target/x86_64-unknown-linux-gnu/release"

run() {
    local target=$1 seconds=$2
    local corpus="fuzz/corpus/$target" log="fuzz/artifacts/$target.log"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    echo "== fuzz $target for ${seconds}s"
    local status=0
    # The binary built once by `build` (`cargo fuzz run` would rebuild before every target).
    # One process, in place (libFuzzer's -jobs=N would fork N workers with their own logs).
    "$BIN/$target" "$ROOT/$corpus" "$ROOT/fuzz/seeds/$target" \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 -artifact_prefix="$ROOT/fuzz/artifacts/$target/" >"$log" 2>&1 || status=$?
    local execs corpus_n
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    corpus_n=$(find "$corpus" -type f | wc -l)
    printf '%s\t%s\t%ss\t%s execs\t%s corpus\texit %s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" \
        "${execs:-?}" "$corpus_n" "$status" | tee -a fuzz/artifacts/figures.tsv
    if [ "$status" -ne 0 ]; then
        echo "!! $target failed (exit $status); the end of $log:" >&2
        tail -40 "$log" >&2
        return 1
    fi
}

build() {
    echo "== building the fuzz targets"
    cargo +nightly fuzz build "${FUZZ_FLAGS[@]}" >fuzz/artifacts/build.log 2>&1 || {
        tail -40 fuzz/artifacts/build.log >&2
        return 1
    }
}

mode=${1:-smoke}
mkdir -p fuzz/artifacts
case "$mode" in
    smoke)
        build
        failed=0
        for t in "${TARGETS[@]}"; do run "$t" 15 || failed=1; done
        exit "$failed"
        ;;
    long)
        seconds=${2:-600}
        build
        failed=0
        for t in "${TARGETS[@]}"; do run "$t" "$seconds" || failed=1; done
        exit "$failed"
        ;;
    run)
        build
        run "${2:?target}" "${3:-600}"
        ;;
    *)
        echo "usage: scripts/fuzz.sh smoke | long [SECONDS] | run TARGET [SECONDS]" >&2
        exit 2
        ;;
esac
