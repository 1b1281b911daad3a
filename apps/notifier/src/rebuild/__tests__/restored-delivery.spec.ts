import type { AlertSentV1 } from '@baton/contracts';
import { restoredDeliveryOf } from '../restored-delivery';

const RESTORED_AT = '2026-12-01T08:00:00.000Z';
const SENT: AlertSentV1 = {
  alertId: 'alert_qual_3f9a_crm',
  qualificationId: 'qual_3f9a',
  leadId: 'ada-1',
  channel: 'crm',
  channelType: 'webhook',
  team: 'emea',
  ownerId: 'sam',
  attempts: 2,
  deliveredAt: '2026-11-24T10:00:02.010Z',
};
const message = (value: unknown, key = 'ada-1', headers: Record<string, string> = {}) => ({
  key: Buffer.from(key),
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers,
});

describe('restoredDeliveryOf', () => {
  it('should restore every field the alert.sent carries, and the trace of its headers', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(restoredDeliveryOf(message(SENT, 'ada-1', { 'baton-correlation-id': 'req-42', traceparent }), RESTORED_AT)).toEqual({
      ok: true,
      delivery: {
        alertId: 'alert_qual_3f9a_crm',
        leadId: 'ada-1',
        qualificationId: 'qual_3f9a',
        channelId: 'crm',
        team: 'emea',
        ownerId: 'sam',
        attempts: 2,
        deliveredAt: '2026-11-24T10:00:02.010Z',
        restoredAt: RESTORED_AT,
        trace: { correlationId: 'req-42', traceparent },
      },
    });
  });

  it('should restore an alert without team or owner, with a correlation id of its own when the message had none', () => {
    const decoded = restoredDeliveryOf(message({ ...SENT, team: undefined, ownerId: undefined }), RESTORED_AT);
    expect(decoded.ok && decoded.delivery).toMatchObject({ alertId: SENT.alertId, team: undefined, ownerId: undefined, trace: { correlationId: expect.any(String) } });
  });

  it.each([
    ['not JSON', message('{"alertId":'), /JSON/i],
    ['no value', message(null), /no value/],
    ['no attempt', message({ ...SENT, attempts: 0 }), /attempts: must be at least 1/],
    ['an unknown channel type', message({ ...SENT, channelType: 'pager' }), /channelType: must be one of/],
    ['a date that is not one', message({ ...SENT, deliveredAt: 'yesterday' }), /deliveredAt/],
    ["another lead's key", message(SENT, 'grace-7'), /key is not the leadId/],
    ['an alert id its qualification and channel do not give', message({ ...SENT, alertId: 'alert_qual_3f9a_slack' }), /alertId alert_qual_3f9a_slack is not alert_qual_3f9a_crm/],
  ])('should refuse %s, saying why', (_case, input, reason) => {
    const decoded = restoredDeliveryOf(input, RESTORED_AT);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(reason);
  });
});
