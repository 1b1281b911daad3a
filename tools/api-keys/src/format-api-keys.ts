import type { ApiKeyRecord, RateLimit } from '@baton/api-auth';
import { formatTable } from '@baton/cli-kit';

/** The new key, once, with what it may do and the warning that it cannot be shown again. */
export function formatCreatedKey(key: string, record: ApiKeyRecord): string {
  return [
    `API key created for source ${record.source}. Copy it now: it cannot be shown again (Baton keeps only its hash).`,
    '',
    `  ${key}`,
    '',
    ...formatFields(record),
    '',
    'Send it as "Authorization: Bearer <key>" (or "X-API-Key: <key>").',
    `Revoke it with: npm run api-keys -- revoke ${record.keyId}`,
    '',
  ].join('\n');
}

/** Every key, oldest first, as a table: no key and no hash, which `list` never has anyway. */
export function formatKeyList(records: readonly ApiKeyRecord[]): string {
  if (records.length === 0) return 'No API keys yet; create one with: npm run api-keys -- create --source SOURCE --scopes SCOPE[,SCOPE...]\n';
  const rows = records.map((record) => [record.keyId, record.source, record.scopes.join(','), record.createdAt, record.revokedAt ?? '-', rateLimitText(record.rateLimit)]);
  const lines = formatTable(['Id', 'Source', 'Scopes', 'Created', 'Revoked', 'Rate limit'], rows, ['left', 'left', 'left', 'left', 'left', 'left']);
  const revoked = records.filter((record) => record.revokedAt !== undefined).length;
  const footer = `${records.length} ${records.length === 1 ? 'key' : 'keys'}, ${revoked} revoked`;
  return `${[...lines, '', footer].join('\n')}\n`;
}

/** The key after `revoke`: revoked now, or since earlier (revoking twice keeps the first time). */
export function formatRevokedKey(record: ApiKeyRecord, alreadyRevoked: boolean): string {
  const when = record.revokedAt ?? 'now';
  const what = `API key ${record.keyId} (source ${record.source})`;
  return alreadyRevoked ? `${what} was already revoked at ${when}.\n` : `${what} revoked at ${when}: requests with it now get 401.\n`;
}

function formatFields(record: ApiKeyRecord): string[] {
  const fields: [string, string][] = [
    ['Key id', record.keyId],
    ['Source', record.source],
    ['Scopes', record.scopes.join(', ')],
    ['Created', record.createdAt],
    ['Rate limit', rateLimitText(record.rateLimit)],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
}

/** "20/s, burst 50"; "default" when the key has none of its own (the services' default applies). */
export function rateLimitText(rateLimit: RateLimit | undefined): string {
  return rateLimit === undefined ? 'default' : `${rateLimit.perSecond}/s, burst ${rateLimit.burst}`;
}
