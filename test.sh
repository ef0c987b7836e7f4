#!/usr/bin/env bash
# Builds everything and runs the whole test suite: unit, kubectl conformance and browser tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh test

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Labs.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# The lab library: every lab valid, and proven in a fresh session by its reference solution (labs validate, labs test).
labs=src/Labs.Cli/bin/Release/net10.0/labs.dll
dotnet "$labs" validate labs/ 2>&1 | tee -a "$log" || status=$?
dotnet "$labs" test labs/ 2>&1 | tee -a "$log" || status=$?

# The front end's own checks: TypeScript types and its unit tests (node_modules come from the build above).
(cd web && npm run --silent check && npm test --silent) 2>&1 | tee -a "$log" || status=$?

# One closing line for the whole suite, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{
  for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1) + 0; if ($i == "Passed:") p += $(i+1) + 0; if ($i == "Skipped:") s += $(i+1) + 0 }
}
/^# pass /{ p += $3 } /^# fail /{ f += $3 } /^# skipped /{ s += $3 } END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
