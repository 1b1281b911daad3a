import type { Admin } from 'kafkajs';

/** Messages of `topics` the group has not committed yet (the sum over partitions of end offset - committed). */
export async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((entry) => [entry.partition, BigInt(entry.high)]));
    for (const { partition, offset } of partitions) {
      const end = ends.get(partition) ?? 0n;
      lag += Number(end - (offset.startsWith('-') ? 0n : BigInt(offset)));
    }
  }
  return lag;
}

/** Messages written to a topic so far (sum of end offsets): a count that does not depend on reading them. */
export async function topicEnd(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, entry) => sum + Number(entry.high), 0);
}
