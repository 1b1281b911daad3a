#!/usr/bin/env bash
# Runs Baton locally: Kafka and Redis (started here unless KAFKA_BROKERS / REDIS_URL are set), the four
# services built and started, a local webhook receiver, and demo traffic narrated in the terminal.
#
#   npm start                          the demo, then Baton keeps running until Ctrl-C
#   npm start -- --exit-after-demo     stop after the demo's summary: exit 0 when it went as its story says
#
# Ctrl-C, at any moment, stops the services and the infrastructure this command started. BATON_STATE_DIR
# (default .baton) holds the broker's and Redis' data and every log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
enter_workspace
use_infra
build_services
# The demo handles Ctrl-C itself (stops the services); the EXIT trap then stops the infrastructure.
run_tool tools/demo run-demo.ts "$@"
