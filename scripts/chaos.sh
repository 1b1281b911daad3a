#!/usr/bin/env bash
# `npm run chaos [-- --quick] [-- --report file.json]`: builds the services and runs the chaos suite on a Kafka
# broker and a Redis of its own (started and stopped here, whatever KAFKA_BROKERS / REDIS_URL say).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
enter_workspace
build_services
run_tool tools/chaos chaos.cli.ts "$@"
