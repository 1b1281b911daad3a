import fc from 'fast-check';
import { API_KEY_PREFIX, generateApiKey, hashSecret, parseApiKey, secretMatches } from '../api-key-format';

describe('API key format', () => {
  it('generates prefixed keys whose secret is stored only as a hash', () => {
    const created = generateApiKey();
    expect(created.key.startsWith(API_KEY_PREFIX)).toBe(true);
    const parsed = parseApiKey(created.key);
    expect(parsed?.keyId).toBe(created.keyId);
    expect(created.secretHash).toBe(hashSecret(parsed?.secret ?? ''));
    expect(created.key).not.toContain(created.secretHash);
    expect(secretMatches(parsed?.secret ?? '', created.secretHash)).toBe(true);
  });

  it('gives every key a different id and secret', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('refuses a secret that differs in one character', () => {
    const created = generateApiKey();
    const secret = parseApiKey(created.key)?.secret ?? '';
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(altered, created.secretHash)).toBe(false);
  });

  it('recognises only keys shaped like Baton keys', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseApiKey(text);
        if (parsed !== undefined) expect(text).toBe(`${API_KEY_PREFIX}${parsed.keyId}_${parsed.secret}`);
      }),
    );
    expect(parseApiKey('baton_0123456789abcdef_short')).toBeUndefined();
    expect(parseApiKey(`sk_live_${'a'.repeat(40)}`)).toBeUndefined();
  });

  it('never accepts an arbitrary secret or a malformed hash', () => {
    const created = generateApiKey();
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (secret) => expect(secretMatches(secret, created.secretHash)).toBe(false)));
    expect(secretMatches(parseApiKey(created.key)?.secret ?? '', 'not-hex')).toBe(false);
  });
});
