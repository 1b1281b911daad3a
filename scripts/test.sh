#!/usr/bin/env bash
# Every check in one command: lint (module boundaries included), type check of every project, unit and
# integration tests against the real Kafka and Redis, build of the services, end-to-end tests of the built
# services. Starts the infrastructure it needs and stops what it started. CI runs exactly this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
enter_workspace

# Leave alone what the developer had running; stop only what this run started.
use_infra

log="${BATON_STATE_DIR:-$root/.baton}/logs/test-run.log"
mkdir -p "$(dirname "$log")"
: >"$log"
run() {
  say "$*"
  "$@" 2>&1 | tee -a "$log"
}

# High or critical advisories in production dependencies fail the run (a warning when no audit endpoint answers).
run bash scripts/audit.sh
run npm run --silent format:check
run npx nx run-many -t lint typecheck --parallel=2 --output-style=static
run npx nx run-many -t test --parallel=1 --output-style=stream
run npx nx run-many -t build --projects=tag:type:app --parallel=1 --output-style=static
run npx nx run e2e:e2e --output-style=stream

# One closing line for whoever reads the end of the log: the sum of every Jest run above.
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /Tests:/ { for (i = 2; i <= NF; i++) { if ($(i) ~ /^passed/) passed += $(i-1); if ($(i) ~ /^failed/) failed += $(i-1) } }
  END { printf "tests: %d passed, %d failed\n", passed, failed; exit (failed > 0 || passed == 0) }'
