#!/usr/bin/env bash
# Runs the main job (every built-in scenario, side by side on every core) RUNS times under garbage-collector
# pressure: a tiny gen0 budget (DOTNET_GCgen0size, hexadecimal bytes) makes the runtime collect every few hundred
# kilobytes, so a native object that .NET could free while libtorch still uses it is freed, and the run fails.
# Prints one line per run and a summary; exits 1 if any run did not end with exit code 0.
#
#   tools/stress-main-job.sh [RUNS] [GEN0SIZE]      defaults: 30 runs, 0x40000 (256 KiB)
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
gen0="${2:-0x40000}"

program=$(ls src/Cli/bin/*/net10.0/*/backprop-parity.dll 2>/dev/null | head -n 1)
if [ -z "$program" ]; then
  echo "error: backprop-parity.dll is not built; run \`dotnet build BackpropParity.sln\` first." >&2
  exit 2
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
failed=0
start=$(date +%s)
for i in $(seq 1 "$runs"); do
  t0=$(date +%s.%N)
  DOTNET_GCgen0size="$gen0" dotnet "$program" >"$log/out" 2>"$log/err"
  code=$?
  t1=$(date +%s.%N)
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if [ "$code" -eq 0 ]; then
    echo "run $i/$runs: exit 0, ${seconds} s"
  else
    failed=$((failed + 1))
    echo "run $i/$runs: exit $code, ${seconds} s: $(grep -m 1 -v '^\s*$' "$log/err" || tail -n 1 "$log/out")"
  fi
done
echo "main job under GC pressure (DOTNET_GCgen0size=$gen0): $((runs - failed)) of $runs runs exited 0 in $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ]
