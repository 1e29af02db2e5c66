#!/usr/bin/env bash
# The main job, against the local emulator: bulk-edit embeds from examples/*.csv through Set-EmbedAccess.
# With pwsh on the machine it runs the real module (build.ps1 Demo). Without it, the same CSVs go through the
# same engine Set-EmbedAccess calls (EmbedAdmin.Core, via tools/DemoHost), so the job still runs end to end.
set -euo pipefail
cd "$(dirname "$0")"

if command -v pwsh >/dev/null 2>&1; then
    exec pwsh -NoProfile -NonInteractive -File ./build.ps1 Demo
fi

echo "pwsh was not found: running examples/*.csv through EmbedAdmin.Core's bulk engine instead of the cmdlet."
dotnet publish src/EmbedAdmin.Emulator -c Release -o out/emulator --nologo -v quiet
dotnet build tools/DemoHost -c Release --nologo -v quiet

ready="$(mktemp)"
rm -f "$ready"
dotnet out/emulator/EmbedAdmin.Emulator.dll --port 0 --ready-file "$ready" > out/emulator-demo.log 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; rm -f "$ready"' EXIT
for _ in $(seq 1 300); do [ -s "$ready" ] && break; sleep 0.1; done
[ -s "$ready" ] || { echo "The emulator did not start; see out/emulator-demo.log" >&2; exit 1; }

# Rows of examples/embed-access-needs-review.csv fail on purpose, to show the per-row errors.
dotnet tools/DemoHost/bin/Release/net10.0/DemoHost.dll "$(cat "$ready")" examples/*.csv || true
