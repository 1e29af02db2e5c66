#!/usr/bin/env bash
# Runs every test: all xUnit suites, then the whole Pester suite against the laid-out module, in the project's
# pinned pwsh with the pinned Pester (both fetched from NuGet the first time). Ends with one
# "tests: N passed, M failed" line; any failure, including a tool that could not be restored, exits non-zero.
set -uo pipefail
cd "$(dirname "$0")"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

./tools/pwsh.sh -NoProfile -NonInteractive -Command '& ./build.ps1 -Task Build, Test -Configuration Release; exit $LASTEXITCODE' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Totals from dotnet test's per-assembly lines and Pester's summary line.
plain() { sed -e 's/\x1b\[[0-9;]*m//g' "$log"; }
passed=$(plain | awk '
    /(Passed|Failed)! +- Failed:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i == "Passed:") p += $(i + 1) }
    /^Tests Passed: / { gsub(/,/, ""); p += $3 }
    END { print p + 0 }')
failed=$(plain | awk '
    /(Passed|Failed)! +- Failed:/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) if ($i == "Failed:") f += $(i + 1) }
    /^Tests Passed: / { gsub(/,/, ""); f += $5 }
    END { print f + 0 }')
pester_ran=$(plain | grep -c '^Tests Passed: ' || true)
if [ "$status" -eq 0 ] && [ "$pester_ran" -eq 0 ]; then
    echo "error: the Pester suite did not report a result; a partial run is never green." >&2
    status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the run broke before or outside a test: never report it as clean
fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
