import { readFileSync } from 'node:fs';
import { defaultRoutingFromEnv, parseRoutingFile } from './parse-routing-file';
import type { RoutingConfig } from './routing-config';
import { RoutingInvalidError } from './routing-invalid.error';

/**
 * The routing in force, read once at start: the file NOTIFIER_ROUTING_FILE names, or without it the single
 * webhook of NOTIFIER_WEBHOOK_URL / NOTIFIER_WEBHOOK_SECRET. Throws RoutingInvalidError with every problem.
 */
export function loadRouting(env: NodeJS.ProcessEnv): RoutingConfig {
  const file = env['NOTIFIER_ROUTING_FILE'];
  if (file === undefined || file.trim() === '') return defaultRoutingFromEnv(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RoutingInvalidError(file, [{ path: '', message: `cannot be read (NOTIFIER_ROUTING_FILE): ${reason}` }]);
  }
  return parseRoutingFile(text, env, file);
}
