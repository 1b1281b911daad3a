import type { Admin } from 'kafkajs';
import { LEAD_QUALIFIED_TOPIC } from '@baton/contracts';

/** One partition's offsets, as `admin.fetchTopicOffsets` gives them. */
export interface PartitionRange {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * One partition number of both topics (a lead is on the same one in each: same key, same partition count). `firstNotOlder`:
 * the first lead-qualified offset whose timestamp is at or after the oldest alert.sent kept, when one is kept.
 */
export interface PartitionPair {
  readonly alertsSent: PartitionRange;
  readonly leadQualified: PartitionRange;
  readonly firstNotOlder?: string;
}

/**
 * How many qualifications on this partition of lead-qualified are older than every alert.sent kept on it. Both
 * topics delete whole segments, so lead-qualified may keep a qualification whose alert.sent (always written after
 * it) was already deleted: if it was delivered, nothing restores its record and it is alerted again.
 */
export function olderQualificationsOn(pair: PartitionPair): number {
  const low = BigInt(pair.leadQualified.low);
  if (pair.firstNotOlder !== undefined) return Number(BigInt(pair.firstNotOlder) - low);
  // No alert kept: if some were written and deleted, every qualification kept may have been delivered.
  return BigInt(pair.alertsSent.low) > 0n ? Number(BigInt(pair.leadQualified.high) - low) : 0;
}

/**
 * The qualifications lead-qualified holds that are older than the oldest alert.sent kept on their partition; undefined
 * when the two topics have different partition counts (a lead is not on the same partition number in both).
 */
export async function countOlderQualifications(admin: Admin, alertsSent: readonly PartitionRange[], oldestAlertAt: ReadonlyMap<number, number>): Promise<number | undefined> {
  const leadQualified = await admin.fetchTopicOffsets(LEAD_QUALIFIED_TOPIC);
  if (leadQualified.length !== alertsSent.length) return undefined;
  let older = 0;
  for (const range of alertsSent) {
    const qualified = leadQualified.find((candidate) => candidate.partition === range.partition);
    if (qualified === undefined) return undefined;
    const oldest = oldestAlertAt.get(range.partition);
    const firstNotOlder = oldest === undefined ? undefined : (await admin.fetchTopicOffsetsByTimestamp(LEAD_QUALIFIED_TOPIC, oldest)).find((entry) => entry.partition === range.partition)?.offset;
    older += olderQualificationsOn({ alertsSent: range, leadQualified: qualified, firstNotOlder });
  }
  return older;
}
