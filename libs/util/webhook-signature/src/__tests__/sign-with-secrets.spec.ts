import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { signWebhook, signWebhookWithSecrets, verifyWebhook } from '../index';

const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

describe('signWebhookWithSecrets', () => {
  const oldSecret = newSecret();
  const currentSecret = newSecret();
  const body = '{"type":"lead.qualified","leadId":"lead-1"}';

  it('should carry one v1 signature per secret, in order, space-separated', () => {
    const headers = signWebhookWithSecrets([oldSecret, currentSecret], 'alert_1', body, 1_790_000_000);
    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toEqual([signWebhook(oldSecret, 'alert_1', body, 1_790_000_000)['webhook-signature'], signWebhook(currentSecret, 'alert_1', body, 1_790_000_000)['webhook-signature']]);
    expect(headers['webhook-id']).toBe('alert_1');
    expect(headers['webhook-timestamp']).toBe('1790000000');
  });

  it('should be accepted by the standardwebhooks package and by verifyWebhook with either secret', () => {
    const headers = { ...signWebhookWithSecrets([oldSecret, currentSecret], 'alert_1', body) };
    for (const secret of [oldSecret, currentSecret]) {
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
      expect(verifyWebhook(secret, headers, body)).toEqual({ ok: true });
    }
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(verifyWebhook(newSecret(), headers, body).ok).toBe(false);
  });

  it('should equal signWebhook for a single secret', () => {
    expect(signWebhookWithSecrets([currentSecret], 'alert_1', body, 1_000)).toEqual(signWebhook(currentSecret, 'alert_1', body, 1_000));
  });

  it('should refuse an empty list of secrets', () => {
    expect(() => signWebhookWithSecrets([], 'alert_1', body)).toThrow('at least one secret');
  });
});
