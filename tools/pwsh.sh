#!/usr/bin/env bash
# Runs the project's own pwsh, pinned in .config/dotnet-tools.json and restored from NuGet on first use, so the
# README's commands need nothing on the machine but the .NET SDK. Arguments go to pwsh unchanged.
# EMBEDADMIN_PWSH names another pwsh to use instead (an installed 7.2 or later).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${EMBEDADMIN_PWSH:-}" ]; then
    exec "$EMBEDADMIN_PWSH" "$@"
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK (dotnet) is not on PATH; it is the one thing these scripts need installed." >&2
    exit 1
fi

mkdir -p out
if ! dotnet tool restore >out/tool-restore.log 2>&1; then
    cat out/tool-restore.log >&2
    echo "error: could not restore pwsh $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' .config/dotnet-tools.json | head -1) from NuGet (dotnet tool restore, see above); nothing was run." >&2
    exit 1
fi
exec dotnet tool run pwsh "$@"
