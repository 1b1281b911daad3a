import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { signWebhookWithSecrets, verifyWebhook } from '../index';

interface RecordedDelivery {
  readonly secretBase64: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const recorded = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/notifier-delivery.json'), 'utf8')) as RecordedDelivery;
const secret = `whsec_${recorded.secretBase64}`;
const sentAt = Number(recorded.headers['webhook-timestamp']);
const OUTSIDE = { ok: false, reason: 'webhook-timestamp is outside the tolerance' };
const NO_MATCH = { ok: false, reason: 'no matching v1 signature' };

/**
 * A receiver that keeps the webhook-ids it handled for the tolerance (5 minutes) catches every replay: within the
 * tolerance by the id, later by the timestamp, and the signature covers both, so neither can be changed to slip
 * past. Shown on a delivery the notifier really sent (recorded, fixtures/notifier-delivery.json).
 */
describe('a recorded notifier delivery, replayed', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('verifies as sent, and at any time within the 300 s tolerance either side', () => {
    for (const nowSeconds of [sentAt, sentAt + 1, sentAt + 300, sentAt - 300]) {
      expect(verifyWebhook(secret, recorded.headers, recorded.body, { nowSeconds })).toEqual({ ok: true });
    }
  });

  it('is refused once replayed later than the tolerance, by its timestamp', () => {
    expect(verifyWebhook(secret, recorded.headers, recorded.body, { nowSeconds: sentAt + 301 })).toEqual(OUTSIDE);
    expect(verifyWebhook(secret, recorded.headers, recorded.body, { nowSeconds: sentAt + 86_400 })).toEqual(OUTSIDE);
    // A receiver may ask for less, and a timestamp from too far in the future is refused the same way.
    expect(verifyWebhook(secret, recorded.headers, recorded.body, { nowSeconds: sentAt + 61, toleranceSeconds: 60 })).toEqual(OUTSIDE);
    expect(verifyWebhook(secret, recorded.headers, recorded.body, { nowSeconds: sentAt - 301 })).toEqual(OUTSIDE);
  });

  it('is refused late by the standardwebhooks package too, as a receiver following the README does', () => {
    const webhook = new Webhook(secret);
    jest.useFakeTimers({ now: (sentAt + 300) * 1000 });
    expect(webhook.verify(recorded.body, recorded.headers)).toMatchObject({ type: 'lead.qualified', alertId: recorded.headers['webhook-id'] });
    jest.setSystemTime((sentAt + 301) * 1000);
    expect(() => webhook.verify(recorded.body, recorded.headers)).toThrow(/timestamp too old/i);
  });

  it('cannot be made fresh: a new timestamp, a new id or a changed body with the old signature does not verify', () => {
    const now = sentAt + 3600;
    const refreshed = { ...recorded.headers, 'webhook-timestamp': String(now) };
    expect(verifyWebhook(secret, refreshed, recorded.body, { nowSeconds: now })).toEqual(NO_MATCH);
    // A new id would dodge a receiver's deduplication by webhook-id.
    const renamed = { ...recorded.headers, 'webhook-id': `${recorded.headers['webhook-id']}_again` };
    expect(verifyWebhook(secret, renamed, recorded.body, { nowSeconds: sentAt })).toEqual(NO_MATCH);
    const tampered = recorded.body.replace('"score":163', '"score":999');
    expect(tampered).not.toBe(recorded.body);
    expect(verifyWebhook(secret, recorded.headers, tampered, { nowSeconds: sentAt })).toEqual(NO_MATCH);
    expect(verifyWebhook(secret, recorded.headers, `${recorded.body}\n`, { nowSeconds: sentAt })).toEqual(NO_MATCH);
  });

  it('verifies only with its own secret', () => {
    expect(verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, recorded.headers, recorded.body, { nowSeconds: sentAt })).toEqual(NO_MATCH);
  });
});

describe('replays during a secret rotation', () => {
  const oldSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const newSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const body = '{"type":"lead.qualified","alertId":"alert_q-1_crm","leadId":"lead-1"}';
  const signedAt = 1_795_000_000;
  const headers = { ...signWebhookWithSecrets([oldSecret, newSecret], 'alert_q-1_crm', body, signedAt) };

  it('are refused by a receiver holding either secret once past the tolerance', () => {
    for (const receiverSecret of [oldSecret, newSecret]) {
      expect(verifyWebhook(receiverSecret, headers, body, { nowSeconds: signedAt + 300 })).toEqual({ ok: true });
      expect(verifyWebhook(receiverSecret, headers, body, { nowSeconds: signedAt + 301 })).toEqual(OUTSIDE);
    }
  });

  it('cannot carry either signature over to a new timestamp or a new id', () => {
    const [oldSignature, newSignature] = headers['webhook-signature'].split(' ');
    for (const signature of [oldSignature, newSignature]) {
      const refreshed = { ...headers, 'webhook-timestamp': String(signedAt + 3600), 'webhook-signature': signature as string };
      expect(verifyWebhook(oldSecret, refreshed, body, { nowSeconds: signedAt + 3600 })).toEqual(NO_MATCH);
      expect(verifyWebhook(newSecret, { ...headers, 'webhook-id': 'alert_q-2_crm', 'webhook-signature': signature as string }, body, { nowSeconds: signedAt })).toEqual(NO_MATCH);
    }
  });
});
