#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- --report file.json]`: builds the services and runs every benchmark on the local
# Kafka and Redis (started here unless KAFKA_BROKERS / REDIS_URL are set, and stopped again afterwards).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
enter_workspace
use_infra
build_services
run_tool tools/bench bench.cli.ts "$@"
