#!/usr/bin/env bash
# Runs every test this machine can run: all xUnit suites always; the Pester suite where pwsh and Pester 5
# are installed (through build.ps1, against the laid-out module). Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

has_pester() {
    command -v pwsh >/dev/null 2>&1 &&
        pwsh -NoProfile -NonInteractive -Command 'if (Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -ge 5 }) { exit 0 } else { exit 1 }' >/dev/null 2>&1
}

if has_pester; then
    pwsh -NoProfile -NonInteractive -Command '& ./build.ps1 -Task Build, Test -Configuration Release; exit $LASTEXITCODE' 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
else
    echo "Pester skipped: pwsh with Pester 5 was not found on this machine. Running the xUnit suites only."
    dotnet test EmbedAdmin.sln -c Release --nologo 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
fi

# Totals from dotnet test's per-assembly lines and Pester's summary line.
passed=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /(Passed|Failed)! +- Failed:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i == "Passed:") p += $(i + 1) }
    /^Tests Passed: / { gsub(/,/, ""); p += $3 }
    END { print p + 0 }')
failed=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /(Passed|Failed)! +- Failed:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i == "Failed:") f += $(i + 1) }
    /^Tests Passed: / { gsub(/,/, ""); f += $5 }
    END { print f + 0 }')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the run broke before or outside a test: never report it as clean
fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
