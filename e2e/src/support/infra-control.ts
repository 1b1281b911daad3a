import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@baton/testing';

/** Stops and starts the project-started broker (same port, same data) for outage tests. */
export function kafkaControl(command: 'kafka-stop' | 'kafka-start'): void {
  if (!existsSync(resolve(WORKSPACE_ROOT, '.baton/kafka/port'))) {
    throw new Error('the broker-outage test needs the broker started by scripts/infra.sh (run the suite through `npm test`)');
  }
  execFileSync('bash', [resolve(WORKSPACE_ROOT, 'scripts/infra.sh'), command], { stdio: 'inherit' });
}

/** Stops and starts the project-started Redis (same port; its append-only file brings the data back). */
export function redisControl(command: 'redis-stop' | 'redis-start'): void {
  if (!existsSync(resolve(WORKSPACE_ROOT, '.baton/redis/port'))) {
    throw new Error('the Redis-outage test needs the Redis started by scripts/infra.sh (run the suite through `npm test`)');
  }
  execFileSync('bash', [resolve(WORKSPACE_ROOT, 'scripts/infra.sh'), command], { stdio: 'inherit' });
}
