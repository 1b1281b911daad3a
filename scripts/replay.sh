#!/usr/bin/env bash
# `npm run replay:x-education [-- options]`: the X Education leads through the four services, built here, on the
# local Kafka and Redis (started here unless KAFKA_BROKERS / REDIS_URL are set, and stopped again afterwards).
# With --offline (the pure model only) or --help it needs neither.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"
enter_workspace
case " $* " in
  *" --offline "* | *" --help "* | *" -h "*) ;;
  *) use_infra; build_services ;;
esac
run_tool tools/x-education-replay x-education-replay.cli.ts "$@"
