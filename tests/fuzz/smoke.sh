#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every libFuzzer target for FUZZ_SECONDS (default 60) each, two at a time, under
# AddressSanitizer + UndefinedBehaviorSanitizer with leak detection, starting from the seed
# corpora in tests/fuzz/corpus. Fails on any crash, hang (10 s per input), leak, sanitizer
# report or oracle failure, and says how to keep the input as a regression. Needs clang with
# libFuzzer; without it, says so and succeeds. New inputs go to a scratch directory, never to
# the repository: a human decides what joins the corpus.
# usage: tests/fuzz/smoke.sh [BUILD_DIR]   (default build-fuzz; configured here when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

secs=${FUZZ_SECONDS:-60}
# A fixed seed makes the CI run reproducible: CI explores a prefix of what a longer local run
# with the same seed has covered. Set FUZZ_SEED to explore elsewhere.
seed=${FUZZ_SEED:-1}
dir=${1:-build-fuzz}
targets=(frame rpc edits config)

say() { printf '==> %s\n' "$*" >&2; }

if ! command -v clang >/dev/null 2>&1; then
    say "clang is not installed; fuzzing skipped"
    exit 0
fi
if [ ! -f "$dir/build.ninja" ]; then
    CC=clang meson setup "$dir" -Dfuzzing=true --buildtype=debugoptimized \
        -Db_sanitize=address,undefined -Db_lundef=false >"$dir.setup.log" 2>&1 ||
        { cat "$dir.setup.log" >&2; exit 1; }
    rm -f "$dir.setup.log"
fi
ninja -C "$dir" --quiet "${targets[@]/#/tests/fuzz/fuzz_}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

run() {
    local t=$1
    mkdir -p "$work/$t"
    # -entropic=0: the entropic schedule spends most of its time bookkeeping on these
    # targets' many features; -max_len keeps an execution in the millisecond range.
    "$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -seed="$seed" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -entropic=0 -print_final_stats=1 -dict="tests/fuzz/fuzz_$t.dict" \
        -artifact_prefix="$work/$t-" "$work/$t" "tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1
}

status=0
report() {
    local t=$1 rc=$2
    local execs
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
    if [ "$rc" -eq 0 ]; then
        say "fuzz_$t: ${execs:-?} inputs in ${secs}s, no failure"
        return
    fi
    status=1
    say "fuzz_$t FAILED (exit $rc); the end of its log, without the server's own log lines:"
    grep -v '^reviewls: ' "$work/$t.log" | tail -60 >&2
    mkdir -p "$dir/fuzz-artifacts"
    for a in "$work/$t"-*; do
        [ -e "$a" ] || continue
        cp "$a" "$dir/fuzz-artifacts/"
        say "input kept as $dir/fuzz-artifacts/$(basename "$a") (replay: $dir/tests/fuzz/fuzz_$t" \
            "FILE); once fixed, add it to tests/fuzz/corpus/$t/ as regress-<what-it-was>"
    done
}

# Two at a time: CI machines have two cores.
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    a=${targets[$i]}
    b=${targets[$((i + 1))]:-}
    run "$a" &
    pa=$!
    pb=
    if [ -n "$b" ]; then
        run "$b" &
        pb=$!
    fi
    rc=0
    wait "$pa" || rc=$?
    report "$a" "$rc"
    if [ -n "$pb" ]; then
        rc=0
        wait "$pb" || rc=$?
        report "$b" "$rc"
    fi
done
exit "$status"
