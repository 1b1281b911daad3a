#!/usr/bin/env bash
# Helpers shared by the project's scripts (sourced, not run).

say() { printf '\033[1;34m[baton]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[baton] error:\033[0m %s\n' "$*" >&2; exit 1; }

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2"
}

# A TCP port on 127.0.0.1 that nothing listens on right now. Written as plain text: console.log colours a number
# when FORCE_COLOR is set (as under Jest in CI), and the escape codes would become part of the port.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(`${s.address().port}\n`);s.close()})'
}

port_free() {
  node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close())' "$1"
}

pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid PIDFILE NAME SECONDS: SIGTERM, wait for a clean exit, SIGKILL only past the grace period.
stop_pid() {
  local pid_file="$1" name="$2" grace="$3" pid i
  pid_alive "$pid_file" || { rm -f "$pid_file"; return 0; }
  pid="$(cat "$pid_file")"
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 $((grace * 5))); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; return 0; }
    sleep 0.2
  done
  say "$name did not stop within ${grace}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

# Installs node_modules from the lockfile when they are missing or older than the lockfile.
ensure_node_modules() {
  local root stamp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  stamp="$root/node_modules/.baton-lockfile-sha"
  require_command node "Node.js 20 (Debian: nodejs)"
  local want
  want="$(sha1sum "$root/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing npm packages from package-lock.json"
  # Not `npm ci`: npm 11.16+ rejects its own lockfile when optional platform packages are in it
  # (npm/cli#9846). With package.json and the lockfile in sync, `npm install` installs the locked versions.
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error) || die "npm install failed"
  echo "$want" >"$stamp"
}

# Starts the infrastructure (scripts/infra.sh up, in BATON_STATE_DIR) unless KAFKA_BROKERS and REDIS_URL are set, and
# exports its addresses; what it started is stopped when the calling script exits, by Ctrl-C too.
use_infra() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${REDIS_URL:-}" ]; then return 0; fi
  infra_already_up="$(bash "$root/scripts/infra.sh" status | grep -c running || true)"
  trap '[ "$infra_already_up" = 0 ] && bash "'"$root"'/scripts/infra.sh" down; true' EXIT
  eval "$(bash "$root/scripts/infra.sh" up)"
}

# Builds the four services into dist/apps (cached by Nx), the build's output in the state directory's logs.
build_services() {
  local root log
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  log="${BATON_STATE_DIR:-$root/.baton}/logs/build.log"
  mkdir -p "$(dirname "$log")"
  say "building the services"
  (cd "$root" && npx nx run-many -t build --projects=tag:type:app --parallel=2 --output-style=static) >"$log" 2>&1 \
    || { tail -n 40 "$log" >&2; die "build failed (see $log)"; }
}

# Runs one of the project's TypeScript commands: ts-node, not tsx, as the contracts' class-validator decorators
# need TypeScript's legacy decorators. run_tool PROJECT_DIR ENTRY [ARGS...]
run_tool() {
  local project="$1" entry="$2"
  shift 2
  TS_NODE_PROJECT="$project/tsconfig.json" node -r ts-node/register/transpile-only -r tsconfig-paths/register "$project/src/$entry" "$@"
}

# What every project command does first: work from the repository root, Nx without its daemon, cloud or terminal UI
# (one process tree that Ctrl-C ends), and the npm packages of the lockfile installed.
enter_workspace() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false KAFKAJS_NO_PARTITIONER_WARNING=1
  ensure_node_modules
}
