#!/usr/bin/env bash
# `make test-stress`: the whole test suite five times in a row while a busy loop
# runs on every core, to show the tests do not depend on timing or load.
# Stops at the first failure. Not part of CI (it takes a while).
set -u
runs=${STRESS_RUNS:-5}
python=${1:-.venv/bin/python}
hogs=()
stop_hogs() { [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null; }
trap stop_hogs EXIT
for _ in $(seq "$(nproc)"); do
    "$python" -c 'while True: pass' &
    hogs+=($!)
done
for run in $(seq "$runs"); do
    printf '\n=== stress run %d of %d (%d busy cores), %s\n' "$run" "$runs" "${#hogs[@]}" "$(date -u +%FT%TZ)"
    if ! "$python" -m pytest -p no:cacheprovider; then
        printf '=== stress run %d FAILED\n' "$run"
        exit 1
    fi
done
printf '\n=== %d of %d runs passed under load, %s\n' "$runs" "$runs" "$(date -u +%F)"
