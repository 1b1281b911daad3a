import type { KafkaMessage } from 'kafkajs';
import { AlertSentV1, decodeContract, decodeLeadKey } from '@baton/contracts';
import { traceFromHeaders } from '@baton/telemetry';
import type { RestoredDelivery } from '../delivery/delivery-record';
import { alertIdFor } from '../delivery/enqueue-alerts.usecase';

export type DecodedAlertSent = { readonly ok: true; readonly delivery: RestoredDelivery } | { readonly ok: false; readonly reason: string };

/**
 * The delivery record an alert.sent message stands for, or why it cannot be trusted to restore one. Its alert id
 * must be the one the consumer derives from the qualification and channel: a record under any other id would
 * never be found by the qualification consumed again, so it could not prevent a second alert.
 */
export function restoredDeliveryOf(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>, restoredAt: string): DecodedAlertSent {
  const parsed = decodeContract(AlertSentV1, message.value);
  if (!parsed.ok) return { ok: false, reason: parsed.violations.map((violation) => `${violation.path || 'value'}: ${violation.message}`).join('; ') };
  const sent = parsed.value;
  if (decodeLeadKey(message.key) !== sent.leadId) return { ok: false, reason: 'the message key is not the leadId of its value' };
  const expected = alertIdFor(sent.qualificationId, sent.channel);
  if (sent.alertId !== expected) return { ok: false, reason: `alertId ${sent.alertId} is not ${expected}, the id of its qualification and channel` };
  return {
    ok: true,
    delivery: {
      alertId: sent.alertId,
      leadId: sent.leadId,
      qualificationId: sent.qualificationId,
      channelId: sent.channel,
      team: sent.team,
      ownerId: sent.ownerId,
      attempts: sent.attempts,
      deliveredAt: sent.deliveredAt,
      restoredAt,
      // The worker announced it within the qualification's trace: the restored alert keeps its correlation id.
      trace: traceFromHeaders(message.headers ?? {}),
    },
  };
}
