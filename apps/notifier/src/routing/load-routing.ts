import { readFileSync } from 'node:fs';
import { defaultRoutingFromEnv, parseRoutingFile } from './parse-routing-file';
import type { RoutingConfig } from './routing-config';
import { RoutingInvalidError } from './routing-invalid.error';

/**
 * The routing as it is now, read once: the file NOTIFIER_ROUTING_FILE names, or without it the single
 * webhook of NOTIFIER_WEBHOOK_URL / NOTIFIER_WEBHOOK_SECRET. Throws RoutingInvalidError with every problem.
 * The service keeps its routing in a RoutingHolder, which also reloads it.
 */
export function loadRouting(env: NodeJS.ProcessEnv): RoutingConfig {
  const file = env['NOTIFIER_ROUTING_FILE'];
  if (file === undefined || file.trim() === '') return defaultRoutingFromEnv(env);
  return parseRoutingFile(readRoutingFile(file), env, file);
}

/** The routing file's text; a file that cannot be read is a RoutingInvalidError like any other problem with it. */
export function readRoutingFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RoutingInvalidError(file, [{ path: '', message: `cannot be read (NOTIFIER_ROUTING_FILE): ${reason}` }]);
  }
}
