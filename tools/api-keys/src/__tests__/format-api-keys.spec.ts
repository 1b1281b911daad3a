import type { ApiKeyRecord } from '@baton/api-auth';
import { formatCreatedKey, formatKeyList, formatRevokedKey, rateLimitText } from '../format-api-keys';

const SEGMENT: ApiKeyRecord = {
  keyId: '0123456789abcdef',
  source: 'segment',
  scopes: ['events:write', 'profiles:write'],
  secretHash: 'a'.repeat(64),
  createdAt: '2026-11-24T10:00:00.000Z',
  rateLimit: { perSecond: 20, burst: 50 },
};
const CRM: ApiKeyRecord = {
  keyId: 'fedcba9876543210',
  source: 'crm',
  scopes: ['feedback:write'],
  secretHash: 'b'.repeat(64),
  createdAt: '2026-11-25T08:30:00.000Z',
  revokedAt: '2026-11-26T09:00:00.000Z',
};
const KEY = `baton_0123456789abcdef_${'A'.repeat(43)}`;

describe('formatCreatedKey', () => {
  it('should print the key once with the warning, and what it may do', () => {
    expect(formatCreatedKey(KEY, SEGMENT).split('\n')).toEqual([
      'API key created for source segment. Copy it now: it cannot be shown again (Baton keeps only its hash).',
      '',
      `  ${KEY}`,
      '',
      'Key id      0123456789abcdef',
      'Source      segment',
      'Scopes      events:write, profiles:write',
      'Created     2026-11-24T10:00:00.000Z',
      'Rate limit  20/s, burst 50',
      '',
      'Send it as "Authorization: Bearer <key>" (or "X-API-Key: <key>").',
      'Revoke it with: npm run api-keys -- revoke 0123456789abcdef',
      '',
    ]);
  });
});

describe('formatKeyList', () => {
  it('should print one row per key and never a hash', () => {
    const text = formatKeyList([SEGMENT, CRM]);
    expect(text.split('\n')).toEqual([
      'Id                Source   Scopes                       Created                   Revoked                   Rate limit',
      '----------------  -------  ---------------------------  ------------------------  ------------------------  --------------',
      '0123456789abcdef  segment  events:write,profiles:write  2026-11-24T10:00:00.000Z  -                         20/s, burst 50',
      'fedcba9876543210  crm      feedback:write               2026-11-25T08:30:00.000Z  2026-11-26T09:00:00.000Z  default',
      '',
      '2 keys, 1 revoked',
      '',
    ]);
    expect(text).not.toContain('aaaa');
    expect(text).not.toContain('bbbb');
  });

  it('should say when there is none, and how to make one', () => {
    expect(formatKeyList([])).toMatch(/^No API keys yet; create one with: npm run api-keys -- create/);
  });
});

describe('formatRevokedKey', () => {
  it('should say when the key was revoked, now or before', () => {
    expect(formatRevokedKey(CRM, false)).toBe('API key fedcba9876543210 (source crm) revoked at 2026-11-26T09:00:00.000Z: requests with it now get 401.\n');
    expect(formatRevokedKey(CRM, true)).toBe('API key fedcba9876543210 (source crm) was already revoked at 2026-11-26T09:00:00.000Z.\n');
  });
});

describe('rateLimitText', () => {
  it('should say default when the key has no limit of its own', () => {
    expect(rateLimitText(undefined)).toBe('default');
    expect(rateLimitText({ perSecond: 1, burst: 1 })).toBe('1/s, burst 1');
  });
});
