#!/usr/bin/env bash
# Packs the NuGet packages into a local folder feed (default artifacts/packages):
#   BackpropParity          the library: IImplementation, the built-in scenarios, the comparison, fixtures, reports
#   BackpropParity.NUnit    ParitySpecification, the NUnit base fixture
#   BackpropParity.Tool     the command line as a .NET tool: backprop-parity
#   BackpropParity.Manual, BackpropParity.TorchRef   what the library builds on (TorchRef carries the libstdc++ step)
# The packages depend on the host's LibTorch package (libtorch-cpu-linux-x64 when packed on Linux).
#
#   tools/pack.sh [FEED]
set -euo pipefail
cd "$(dirname "$0")/.."
feed="${1:-artifacts/packages}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
# NuGet keeps a package it has seen under its id and version; drop this version's copies so a consumer restores
# what was just packed, not an earlier pack of the same version.
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for id in backpropparity backpropparity.manual backpropparity.torchref backpropparity.nunit backpropparity.tool; do
  rm -rf "$cache/$id/$version"
done
for project in src/Manual src/TorchRef src/Harness src/NUnit src/Cli; do
  dotnet pack "$project" --nologo -v quiet -o "$feed"
done
ls -1 "$feed"
