#!/usr/bin/env bash
# Mutation testing of the lesson code (src/Manual: Layers, Losses, Optimizers, Models, Parameter.cs) with Stryker.NET,
# against the manual unit tests and against the parity suite (tests/Harness.Tests). Not run in CI: against the parity
# suite it takes tens of minutes on 2 cores. Writes Stryker's reports under artifacts/mutation/<suite>/ and prints
# the score of each run; docs/mutation-testing.md explains the surviving mutants.
#
#   tools/mutation-test.sh [manual|parity|both]      default: both
set -euo pipefail
cd "$(dirname "$0")/.."
which_suite="${1:-both}"
tool_path="${STRYKER_TOOL_PATH:-$HOME/.dotnet/stryker-5.1.0}"
if [ ! -x "$tool_path/dotnet-stryker" ]; then
  dotnet tool install dotnet-stryker --version 5.1.0 --tool-path "$tool_path" >/dev/null
fi
config="$(pwd)/tools/stryker/stryker-config.json"

run() {
  local suite="$1" project="$2"
  local out="$(pwd)/artifacts/mutation/$suite"
  rm -rf "$out"
  echo "Stryker on src/Manual against $project ..."
  (cd "$(dirname "$project")" && "$tool_path/dotnet-stryker" --config-file "$config" --output "$out" | grep -E "score|Killed|Survived|Timeout|NoCoverage|mutants" || true)
}

case "$which_suite" in
  manual) run manual tests/Manual.Tests/BackpropParity.Manual.Tests.csproj ;;
  parity) run parity tests/Harness.Tests/BackpropParity.Harness.Tests.csproj ;;
  both)
    run manual tests/Manual.Tests/BackpropParity.Manual.Tests.csproj
    run parity tests/Harness.Tests/BackpropParity.Harness.Tests.csproj ;;
  *) echo "usage: tools/mutation-test.sh [manual|parity|both]" >&2; exit 2 ;;
esac
