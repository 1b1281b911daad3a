#!/usr/bin/env bash
# Starts and stops the infrastructure Baton needs on a machine without a Docker engine: a real Apache Kafka
# broker (KRaft, jars from Maven Central) and a real redis-server. Used alike by development, tests and CI.
#
#   scripts/infra.sh up            start what is missing, write .baton/infra.env, print it
#   scripts/infra.sh down          stop what `up` started
#   scripts/infra.sh status        say what runs
#   scripts/infra.sh env           print the exports (KAFKA_BROKERS, REDIS_URL)
#   scripts/infra.sh kafka-stop | kafka-start | redis-stop | redis-start   (fault tests: same ports, same data)
#   scripts/infra.sh fetch-kafka   only fetch the broker's jars into the cache
#
# KAFKA_BROKERS and REDIS_URL, when set, always win: nothing is started for them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$here/lib.sh"

state_dir="${BATON_STATE_DIR:-$root/.baton}"
cache_dir="${BATON_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/baton}"
log_dir="$state_dir/logs"
env_file="$state_dir/infra.env"

kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$root/tools/kafka/pom.xml")"
kafka_libs="$cache_dir/kafka-$kafka_version/libs"
kafka_dir="$state_dir/kafka"
kafka_pid_file="$kafka_dir/kafka.pid"
kafka_port_file="$kafka_dir/port"
kafka_heap="${BATON_KAFKA_HEAP:--Xms256m -Xmx512m}"
kafka_ready_timeout="${BATON_KAFKA_READY_TIMEOUT:-90}"

redis_dir="$state_dir/redis"
redis_pid_file="$redis_dir/redis.pid"
redis_port_file="$redis_dir/port"

# Set before `up` writes the env file, so that we can tell a caller-provided address from our own.
external_kafka="${KAFKA_BROKERS:-}"
external_redis="${REDIS_URL:-}"

mkdir -p "$log_dir"

# Kafka and Redis run in a session of their own, where util-linux' setsid is there: the terminal's Ctrl-C does
# not reach them, the script that started them stops them after the services.
own_session=()
command -v setsid >/dev/null 2>&1 && own_session=(setsid)

fetch_kafka() {
  if [ -f "$kafka_libs/kafka_2.13-$kafka_version.jar" ]; then return 0; fi
  require_command java "Java 17 or newer (Debian: openjdk-17-jre-headless)"
  require_command mvn "Apache Maven (Debian: maven)"
  say "fetching Apache Kafka $kafka_version from Maven Central into $kafka_libs"
  local tmp="$kafka_libs.partial"
  rm -rf "$tmp"
  mvn -q -B -f "$root/tools/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log_dir/kafka-fetch.log" 2>&1 \
    || die "Maven could not fetch Kafka $kafka_version (see $log_dir/kafka-fetch.log)"
  mv "$tmp" "$kafka_libs"
}

kafka_java() {
  local launcher=()
  [ -n "${exec_kafka_java:-}" ] && launcher=(exec "${own_session[@]}")
  # shellcheck disable=SC2086 # the heap options are several words on purpose
  "${launcher[@]}" java $kafka_heap -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$root/tools/kafka/log4j2.yaml" \
    -cp "$kafka_libs/*" "$@"
}

kafka_running() { pid_alive "$kafka_pid_file"; }

kafka_start() {
  if kafka_running; then return 0; fi
  fetch_kafka
  local port controller_port
  if [ -f "$kafka_port_file" ]; then
    read -r port controller_port <"$kafka_port_file"
  else
    port="${BATON_KAFKA_PORT:-$(free_port)}"
    controller_port="${BATON_KAFKA_CONTROLLER_PORT:-$(free_port)}"
  fi
  port_free "$port" || die "port $port for Kafka is taken by another process (set BATON_KAFKA_PORT)"
  port_free "$controller_port" || die "port $controller_port for the Kafka controller is taken (set BATON_KAFKA_CONTROLLER_PORT)"

  mkdir -p "$kafka_dir/data"
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA_DIR@|$kafka_dir/data|g" \
    "$root/tools/kafka/server.properties.template" >"$kafka_dir/server.properties"
  if [ ! -f "$kafka_dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" \
      -c "$kafka_dir/server.properties" >>"$log_dir/kafka.log" 2>&1 \
      || die "formatting Kafka storage failed (see $log_dir/kafka.log)"
  fi
  echo "$port $controller_port" >"$kafka_port_file"

  say "starting Kafka $kafka_version (KRaft) on 127.0.0.1:$port, log $log_dir/kafka.log"
  # exec in a subshell: the pid recorded is the JVM's own, so stop_pid signals the broker itself. In a session of
  # its own: a Ctrl-C in the terminal stops the services first, and only then (scripts' EXIT traps) the broker.
  (exec_kafka_java=1 kafka_java kafka.Kafka "$kafka_dir/server.properties" >>"$log_dir/kafka.log" 2>&1 </dev/null) &
  echo $! >"$kafka_pid_file"

  node "$here/kafka-ready.mjs" "127.0.0.1:$port" "$kafka_ready_timeout" \
    || { tail -n 30 "$log_dir/kafka.log" >&2; die "Kafka did not become ready (see $log_dir/kafka.log)"; }
}

kafka_stop() {
  stop_pid "$kafka_pid_file" Kafka 60
}

redis_running() { pid_alive "$redis_pid_file"; }

redis_start() {
  if redis_running; then return 0; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "redis-server is missing; install Debian's redis-server package or set REDIS_URL"
    say "installing redis-server (Debian package)"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; } \
      >"$log_dir/redis-install.log" 2>&1 || die "could not install redis-server (see $log_dir/redis-install.log)"
  fi
  mkdir -p "$redis_dir"
  local port
  if [ -f "$redis_port_file" ]; then read -r port <"$redis_port_file"; else port="${BATON_REDIS_PORT:-$(free_port)}"; fi
  port_free "$port" || die "port $port for Redis is taken by another process (set BATON_REDIS_PORT)"
  echo "$port" >"$redis_port_file"
  say "starting redis-server on 127.0.0.1:$port, log $log_dir/redis.log"
  # The append-only file, as in docker-compose.yml: a Redis stopped and started again keeps its data. Started as
  # Kafka is (not daemonized), so that its pid is known the moment it starts.
  (exec "${own_session[@]}" redis-server --port "$port" --bind 127.0.0.1 --dir "$redis_dir" --save "" --appendonly yes \
    --appendfsync everysec --daemonize no --logfile "$log_dir/redis.log" </dev/null >/dev/null 2>&1) &
  echo $! >"$redis_pid_file"
  local i
  for i in $(seq 1 50); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.2
  done
  die "redis-server did not answer PING (see $log_dir/redis.log)"
}

redis_stop() {
  stop_pid "$redis_pid_file" Redis 20
}

kafka_brokers() {
  if [ -n "$external_kafka" ]; then echo "$external_kafka"; return; fi
  local port _
  read -r port _ <"$kafka_port_file"
  echo "127.0.0.1:$port"
}

redis_url() {
  if [ -n "$external_redis" ]; then echo "$external_redis"; return; fi
  echo "redis://127.0.0.1:$(cat "$redis_port_file")"
}

write_env() {
  {
    echo "export KAFKA_BROKERS=$(kafka_brokers)"
    echo "export REDIS_URL=$(redis_url)"
  } >"$env_file"
}

up() {
  ensure_node_modules
  if [ -z "$external_kafka" ]; then kafka_start; else say "using KAFKA_BROKERS=$external_kafka"; fi
  if [ -z "$external_redis" ]; then redis_start; else say "using REDIS_URL=$external_redis"; fi
  write_env
  cat "$env_file"
}

down() {
  kafka_stop
  redis_stop
  rm -f "$env_file"
}

status() {
  if kafka_running; then echo "kafka: running, $(kafka_brokers), pid $(cat "$kafka_pid_file")"; else echo "kafka: stopped"; fi
  if redis_running; then echo "redis: running, $(redis_url), pid $(cat "$redis_pid_file")"; else echo "redis: stopped"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) [ -f "$env_file" ] && cat "$env_file" || die "infrastructure is not up (run: scripts/infra.sh up)" ;;
  kafka-start) kafka_start ;;
  kafka-stop) kafka_stop ;;
  redis-start) redis_start ;;
  redis-stop) redis_stop ;;
  fetch-kafka) fetch_kafka ;;
  *) die "usage: scripts/infra.sh up|down|status|env|kafka-start|kafka-stop|redis-start|redis-stop|fetch-kafka" ;;
esac
