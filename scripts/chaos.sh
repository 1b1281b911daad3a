#!/usr/bin/env bash
# `npm run chaos [-- --quick] [-- --report file.json]`: builds the services and runs the chaos suite on a Kafka
# broker and a Redis of its own (started and stopped here, whatever KAFKA_BROKERS / REDIS_URL say).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
cd "$root"

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false KAFKAJS_NO_PARTITIONER_WARNING=1
ensure_node_modules

say "building the services"
mkdir -p "$root/.baton/logs"
npx nx run-many -t build --projects=tag:type:app --parallel=2 --output-style=static >"$root/.baton/logs/build.log" 2>&1 \
  || { tail -n 40 "$root/.baton/logs/build.log" >&2; die "build failed (see .baton/logs/build.log)"; }

# ts-node, not tsx: the contracts' class-validator decorators need TypeScript's legacy decorators.
TS_NODE_PROJECT=tools/chaos/tsconfig.json node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/chaos/src/chaos.cli.ts "$@"
