import { Injectable } from '@nestjs/common';
import { ALERTS_SENT_TOPIC, deadLetterHeaders, encodeLeadKey, LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, type AlertSentV1 } from '@baton/contracts';
import { EventProducer } from '@baton/kafka';
import { ChannelLookup } from './channel-registry';
import type { DeliveryRecord, SendableRecord } from './delivery-record';
import { DeliveryStore } from './delivery.store';

/** What the delivery tells Kafka: alert.sent for a delivered alert, the qualification on the dead-letter topic for a given-up one. */
@Injectable()
export class DeliveryPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly store: DeliveryStore,
    private readonly channels: ChannelLookup,
  ) {}

  /** Publishes alert.sent unless the record says it is out already; published twice only on a crash in between. */
  async publishDelivered(record: DeliveryRecord): Promise<void> {
    if (record.announced) return;
    const sent: AlertSentV1 = {
      alertId: record.alertId,
      qualificationId: record.qualificationId,
      leadId: record.leadId,
      channel: record.channelId,
      channelType: this.channels.get(record.channelId)?.type ?? 'webhook',
      team: record.team,
      ownerId: record.ownerId,
      attempts: Math.max(1, record.attempts),
      deliveredAt: record.deliveredAt ?? new Date().toISOString(),
    };
    await this.producer.send(ALERTS_SENT_TOPIC, [{ key: encodeLeadKey(record.leadId), value: JSON.stringify(sent) }]);
    await this.store.markAnnounced(record.leadId, record.alertId);
  }

  /** The qualification, as consumed, on the notifier's dead-letter topic, with the reason and the alert's id and channel. */
  async publishDeadLetter(record: SendableRecord, reason: string): Promise<void> {
    await this.producer.send(NOTIFIER_DEAD_LETTER_TOPIC, [
      {
        key: encodeLeadKey(record.leadId),
        value: JSON.stringify(record.qualification),
        headers: {
          ...deadLetterHeaders({ reason: `NOTIFIER.DELIVERY_FAILED: ${reason}`, sourceTopic: LEAD_QUALIFIED_TOPIC, attempts: record.attempts + 1, failedAt: new Date() }),
          'baton-alert-id': record.alertId,
          'baton-alert-channel': record.channelId,
        },
      },
    ]);
  }
}
