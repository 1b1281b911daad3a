#!/usr/bin/env bash
# The production dependencies (package-lock.json, dev dependencies left out) against npm's advisory database:
# exit 1 on any high or critical finding, listing package, severity, advisory and fix. When the audit endpoint
# cannot be reached or refuses (offline, a proxy or mirror without it: 405), it says so in a WARNING line and exits
# 0, since nothing was found wanting; with BATON_AUDIT_REQUIRED=1 (CI with network) that is a failure too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
cd "$root"
require_command npm "npm (comes with Node.js 20)"

out="$(mktemp)"
err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT

say "npm audit --omit=dev --audit-level=high"
rc=0
npm audit --omit=dev --audit-level=high --json >"$out" 2>"$err" || rc=$?

# Decides from what npm printed, not only its exit status: 1 means "found something" and "could not ask" alike.
# Prints what it found or why there is no report, and exits 0 (clean), 1 (high or critical findings),
# 3 (the endpoint could not be reached or refused) or 4 (npm failed otherwise).
verdict=0
message="$(node - "$out" "$err" "$rc" <<'EOF'
const { readFileSync } = require('node:fs');
const [outFile, errFile, rc] = process.argv.slice(2);
const stdout = readFileSync(outFile, 'utf8');
const stderr = readFileSync(errFile, 'utf8');
let report;
try {
  report = JSON.parse(stdout);
} catch {
  report = undefined;
}

if (report && typeof report.vulnerabilities === 'object' && report.vulnerabilities !== null && report.metadata) {
  const fixOf = (entry) => {
    const fix = entry.fixAvailable;
    if (fix === true) return 'npm audit fix';
    if (fix && typeof fix === 'object') return `npm install ${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (semver-major)' : ''}`;
    return 'no fix available yet';
  };
  const advisoriesOf = (entry) => {
    const own = entry.via.filter((via) => typeof via === 'object').map((via) => `${via.title}${via.url ? ` (${via.url})` : ''}`);
    const through = entry.via.filter((via) => typeof via === 'string');
    return [...own, ...(through.length > 0 ? [`through ${through.join(', ')}`] : [])].join('; ');
  };
  const serious = Object.values(report.vulnerabilities).filter((entry) => entry.severity === 'high' || entry.severity === 'critical');
  const counts = report.metadata.vulnerabilities ?? {};
  const summary = ['critical', 'high', 'moderate', 'low', 'info'].map((level) => `${counts[level] ?? 0} ${level}`).join(', ');
  if (serious.length === 0) {
    console.log(`npm audit: no high or critical finding in production dependencies (${summary})`);
    process.exit(0);
  }
  console.log(`npm audit: ${serious.length} production package(s) with high or critical findings (${summary}):`);
  for (const entry of serious.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${entry.name} ${entry.range ?? ''}: ${entry.severity}: ${advisoriesOf(entry)}; fix: ${fixOf(entry)}`);
  }
  process.exit(1);
}

// No report: say why, in npm's own words where it gave them.
const text = `${stdout}\n${stderr}`;
const unreachable = [
  [/\b405 Method Not Allowed\b|"statusCode":\s*405/, 'the registry refused the audit request (HTTP 405)'],
  [/\bENOTFOUND\b|\bEAI_AGAIN\b/, 'the registry host could not be resolved (ENOTFOUND)'],
  [/\bECONNREFUSED\b/, 'the registry refused the connection (ECONNREFUSED)'],
  [/\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|\bECONNRESET\b/, 'the connection to the registry failed (timeout or reset)'],
  [/\bENETUNREACH\b|\bEHOSTUNREACH\b/, 'the registry is not reachable from this network'],
  [/audit endpoint returned an error/, 'the audit endpoint returned an error'],
];
const found = unreachable.find(([pattern]) => pattern.test(text));
const npmSaid = [report?.message, report?.error?.summary, stderr.split('\n').find((line) => /npm (error|ERR!)/.test(line))].find((said) => typeof said === 'string' && said.trim() !== '')?.trim() ?? '';
if (found) {
  console.log(`${found[1]}${npmSaid ? `: ${npmSaid}` : ''}`);
  process.exit(3);
}
console.log(`npm audit exited ${rc} without a report${npmSaid ? `: ${npmSaid}` : ''}`);
process.exit(4);
EOF
)" || verdict=$?

case "$verdict" in
  0) printf '%s\n' "$message" ;;
  1)
    printf '%s\n' "$message"
    die "high or critical vulnerabilities in production dependencies (above): apply each fix, or update the package"
    ;;
  3)
    printf 'WARNING: npm audit could not be checked, production dependencies are NOT audited: %s\n' "$message"
    [ "${BATON_AUDIT_REQUIRED:-0}" = 1 ] && die "BATON_AUDIT_REQUIRED=1: an audit that could not run fails"
    exit 0
    ;;
  *) die "$message (npm's log: ~/.npm/_logs)" ;;
esac
