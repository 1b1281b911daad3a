import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `baton_<keyId>_<secret>`: the prefix makes a leaked key recognisable (secret scanners, log greps), the key id
 * finds its record without a scan, the secret is 32 random bytes and is stored only as its SHA-256. A slow hash
 * (bcrypt) protects guessable passwords; a 256-bit random secret cannot be guessed, so a fast hash suffices.
 */
export const API_KEY_PREFIX = 'baton_';
const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const API_KEY_PATTERN = /^baton_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  readonly keyId: string;
  /** The whole key, shown once at creation and never stored. */
  readonly key: string;
  readonly secretHash: string;
}

export interface PresentedApiKey {
  readonly keyId: string;
  readonly secret: string;
}

export function generateApiKey(random: (size: number) => Buffer = randomBytes): NewApiKey {
  const keyId = random(8).toString('hex');
  const secret = random(32).toString('base64url');
  return { keyId, key: `${API_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key id and secret of a presented key, or undefined when it is not shaped like a Baton key at all. */
export function parseApiKey(presented: string): PresentedApiKey | undefined {
  const match = API_KEY_PATTERN.exec(presented);
  return match === null ? undefined : { keyId: match[1] as string, secret: match[2] as string };
}

export function isKeyId(value: string): boolean {
  return KEY_ID_PATTERN.test(value);
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time: the time taken does not tell how many leading characters of the hash matched. */
export function secretMatches(secret: string, storedHash: string): boolean {
  if (!SECRET_PATTERN.test(secret)) return false;
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
