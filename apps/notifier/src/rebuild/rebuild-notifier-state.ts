import type Redis from 'ioredis';
import type { Admin, Kafka } from 'kafkajs';
import { ALERTS_SENT_TOPIC, LEAD_QUALIFIED_TOPIC } from '@baton/contracts';
import { readTopicToEnd } from '@baton/kafka';
import type { DeliveryStore } from '../delivery/delivery.store';
import { OWNER_TTL_SECONDS, ownerKey } from '../routing/owner-assigner';
import { countOlderQualifications } from './older-qualifications';
import { restoredDeliveryOf } from './restored-delivery';
import { describeRetention, retentionWarnings } from './retention-warnings';

export class RebuildRefusedError extends Error {
  readonly code = 'NOTIFIER.REBUILD_REFUSED';
}

export interface InvalidAlertSent {
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
}

export interface NotifierRebuildReport {
  /** alert.sent messages read, valid or not. */
  readonly read: number;
  readonly restored: number;
  /** Alerts that had a record already (a second run, or a record that survived): left as they were. */
  readonly alreadyPresent: number;
  /** Qualifications given back the owner their alerts named. */
  readonly ownersRestored: number;
  /** Skipped: not an AlertSentV1 this notifier could have written. */
  readonly invalid: readonly InvalidAlertSent[];
  /** Where the group now starts on each partition of lead-qualified: its earliest offset. */
  readonly rewound: readonly { readonly partition: number; readonly offset: string }[];
  /** What the rebuild cannot protect (retention): those qualifications may be alerted again. */
  readonly warnings: readonly string[];
}

export interface NotifierRebuildOptions {
  /** The notifier's consumer group (KAFKA_CONSUMER_GROUP). */
  readonly groupId: string;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly store: DeliveryStore;
  readonly redis: Redis;
  readonly now?: () => Date;
}

/**
 * After Redis was lost: restores a delivered record for every alert.sent message kept, unless one exists, then rewinds
 * the notifier's group to the start of lead-qualified. Consumed again, a delivered qualification finds its records and
 * adds nothing; one that was queued but not delivered is queued again (docs/alerts.md, "Rebuilding alerts"). Refused while any
 * notifier instance runs: it would consume meanwhile, and its position cannot be moved under it.
 */
export async function rebuildNotifierState(options: NotifierRebuildOptions): Promise<NotifierRebuildReport> {
  const { groupId, kafka, admin, store, redis } = options;
  await refuseWhileRunning(admin, groupId);
  const retention = await describeRetention(admin);
  const warnings = retentionWarnings(retention.alertsSent, retention.leadQualified);
  const restoredAt = (options.now?.() ?? new Date()).toISOString();
  const alertsSentRanges = await admin.fetchTopicOffsets(ALERTS_SENT_TOPIC);
  const oldestAlertAt = new Map<number, number>();
  const invalid: InvalidAlertSent[] = [];
  let restored = 0;
  let alreadyPresent = 0;
  let ownersRestored = 0;

  const read = await readTopicToEnd(kafka, ALERTS_SENT_TOPIC, async (message, partition) => {
    if (!oldestAlertAt.has(partition)) oldestAlertAt.set(partition, Number(message.timestamp));
    const decoded = restoredDeliveryOf(message, restoredAt);
    if (!decoded.ok) {
      invalid.push({ partition, offset: message.offset, reason: decoded.reason });
      return;
    }
    const { delivery } = decoded;
    if (await store.restore(delivery)) restored++;
    else alreadyPresent++;
    if (delivery.team !== undefined && delivery.ownerId !== undefined && (await restoreOwner(redis, delivery.team, delivery.leadId, delivery.qualificationId, delivery.ownerId))) ownersRestored++;
  });

  const older = await countOlderQualifications(admin, alertsSentRanges, oldestAlertAt);
  if (older === undefined) warnings.push(`${ALERTS_SENT_TOPIC} and ${LEAD_QUALIFIED_TOPIC} have different partition counts: the qualifications older than every alert kept could not be counted`);
  else if (older > 0)
    warnings.push(
      `${older} qualification(s) in ${LEAD_QUALIFIED_TOPIC} are older than the oldest alert kept on their partition (retention deletes whole segments): those that were delivered will be alerted again`,
    );

  // Again: an instance started during the read would have consumed meanwhile.
  await refuseWhileRunning(admin, groupId);
  // The earliest offsets themselves, not resetOffsets' "earliest" marker (-2): committed as such, they mean the same to
  // every consumer whatever its reset policy, and lag tools (KEDA, kafka-consumer-groups) count from them.
  const rewound = (await admin.fetchTopicOffsets(LEAD_QUALIFIED_TOPIC)).map(({ partition, low }) => ({ partition, offset: low })).sort((a, b) => a.partition - b.partition);
  await admin.setOffsets({ groupId, topic: LEAD_QUALIFIED_TOPIC, partitions: rewound });
  return { read, restored, alreadyPresent, ownersRestored, invalid, rewound, warnings };
}

async function refuseWhileRunning(admin: Admin, groupId: string): Promise<void> {
  const [group] = (await admin.describeGroups([groupId])).groups;
  if (group !== undefined && group.members.length > 0) {
    throw new RebuildRefusedError(`consumer group ${groupId} has ${group.members.length} running member(s): stop every notifier instance, then rebuild`);
  }
}

/**
 * The owner the alerts named, stored for the qualification as OwnerAssigner keeps it, unless it has one: its channels
 * not delivered yet, queued again, go to the same salesperson, and the team's round-robin does not move for it.
 */
async function restoreOwner(redis: Redis, team: string, leadId: string, qualificationId: string, ownerId: string): Promise<boolean> {
  return (await redis.set(ownerKey(team, leadId, qualificationId), ownerId, 'EX', OWNER_TTL_SECONDS, 'NX')) === 'OK';
}
