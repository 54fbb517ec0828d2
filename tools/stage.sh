#!/usr/bin/env bash
# One stage of `make test`: say its name, run it, say how it went and how long it took.
# Usage: tools/stage.sh NAME COMMAND [ARG...]
set -u
name=$1
shift
printf '\n=== %s\n' "$name"
start=$(date +%s%N)
"$@"
status=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
verdict=ok
[ "$status" -eq 0 ] || verdict="FAILED (exit $status)"
printf '=== %s: %s in %d.%01d s\n' "$name" "$verdict" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
exit "$status"
