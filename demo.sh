#!/usr/bin/env bash
# The main job, against the local emulator: builds the module, starts the emulator on 127.0.0.1 and bulk-edits
# embeds from examples/*.csv through the real Set-EmbedAccess in pwsh (build.ps1 Demo). pwsh is the project's
# pinned copy, fetched from NuGet the first time (tools/pwsh.sh).
set -euo pipefail
cd "$(dirname "$0")"
exec ./tools/pwsh.sh -NoProfile -NonInteractive -File ./build.ps1 Demo
