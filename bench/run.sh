#!/usr/bin/env bash
# Runs every benchmark this machine can run and writes the figures into docs/performance.md.
# Benchmarks are never tests: nothing here fails because a machine is slow. Add --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
quick="${1:-}"

dotnet publish src/EmbedAdmin.Emulator -c Release -o out/emulator --nologo -v quiet
dotnet build bench/EmbedAdmin.Bench -c Release --nologo -v quiet
dotnet bench/EmbedAdmin.Bench/bin/Release/net10.0/EmbedAdmin.Bench.dll out/emulator/EmbedAdmin.Emulator.dll docs/performance.md $quick

# The module-level benchmarks run in the project's pinned pwsh (tools/pwsh.sh restores it from NuGet).
./tools/pwsh.sh -NoProfile -NonInteractive -File ./build.ps1 Build
if [ "$quick" = "--quick" ]; then
    ./tools/pwsh.sh -NoProfile -NonInteractive -File ./bench/Run-Benchmarks.ps1 -Quick
    ./tools/pwsh.sh -NoProfile -NonInteractive -File ./bench/Run-RateLimitBenchmarks.ps1 -Quick
else
    ./tools/pwsh.sh -NoProfile -NonInteractive -File ./bench/Run-Benchmarks.ps1
    ./tools/pwsh.sh -NoProfile -NonInteractive -File ./bench/Run-RateLimitBenchmarks.ps1
fi
