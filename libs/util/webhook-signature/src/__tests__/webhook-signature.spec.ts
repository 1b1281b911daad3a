import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { signWebhook, verifyWebhook } from '../index';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('signWebhook', () => {
  it('should produce signatures the standardwebhooks package accepts, for any JSON body', () => {
    const reference = new Webhook(secret);
    fc.assert(
      fc.property(fc.json(), fc.stringMatching(/^[a-z0-9_]{1,40}$/), (body, id) => {
        const headers = signWebhook(secret, id, body);
        expect(() => reference.verify(body, { ...headers })).not.toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('should match the standardwebhooks package byte for byte', () => {
    const timestamp = new Date(1_790_000_000_000);
    const expected = new Webhook(secret).sign('msg_1', timestamp, '{"a":1}');
    expect(signWebhook(secret, 'msg_1', '{"a":1}', 1_790_000_000)['webhook-signature']).toBe(expected);
  });
});

describe('verifyWebhook', () => {
  const body = '{"leadId":"lead-1"}';

  it('should accept what signWebhook signed', () => {
    expect(verifyWebhook(secret, { ...signWebhook(secret, 'id-1', body) }, body)).toEqual({ ok: true });
  });

  it('should refuse a changed body, another secret or a missing header', () => {
    const headers = { ...signWebhook(secret, 'id-1', body) };
    expect(verifyWebhook(secret, headers, `${body} `).ok).toBe(false);
    expect(verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, headers, body).ok).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': undefined }, body).ok).toBe(false);
  });

  it('should refuse a delivery older than the tolerance when replayed', () => {
    const headers = { ...signWebhook(secret, 'id-1', body, 1_000_000) };
    expect(verifyWebhook(secret, headers, body, { nowSeconds: 1_000_000 + 301 })).toEqual({ ok: false, reason: 'webhook-timestamp is outside the tolerance' });
  });
});
