import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

export interface SignedWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export type WebhookVerification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const SECRET_PREFIX = 'whsec_';

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
}

/** Headers for one delivery; keep `id` the same across retries so receivers can deduplicate. */
export function signWebhook(secret: string, id: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): SignedWebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature(secret, id, timestampSeconds, body)}`,
  };
}

/**
 * Headers for one delivery signed with every given secret: `webhook-signature` carries one space-separated
 * `v1,<sig>` per secret, in order, so that during a secret rotation receivers holding either the old or the new
 * secret accept it. All signatures share the one timestamp; keep `id` the same across retries.
 */
export function signWebhookWithSecrets(secrets: readonly string[], id: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): SignedWebhookHeaders {
  if (secrets.length === 0) throw new Error('signWebhookWithSecrets needs at least one secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => `v1,${signature(secret, id, timestampSeconds, body)}`).join(' '),
  };
}

/**
 * Checks a received webhook: the timestamp within the tolerance (replays of old deliveries are refused) and
 * at least one `v1` signature matching, compared in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): WebhookVerification {
  const id = single(headers[WEBHOOK_HEADERS.id]);
  const timestamp = single(headers[WEBHOOK_HEADERS.timestamp]);
  const signatures = single(headers[WEBHOOK_HEADERS.signature]);
  if (id === undefined || timestamp === undefined || signatures === undefined) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'webhook-timestamp is not Unix seconds' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'webhook-timestamp is outside the tolerance' };
  const expected = Buffer.from(signature(secret, id, seconds, body));
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'no matching v1 signature' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
