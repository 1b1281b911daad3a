/**
 * Redis key of one piece of a lead's state. The lead id is the hash tag (`{…}`), so all keys of one lead live
 * in one Redis Cluster slot and a Lua script may touch them together.
 */
export function leadKey(leadId: string, ...parts: readonly string[]): string {
  return ['baton', 'lead', `{${leadId}}`, ...parts].join(':');
}
