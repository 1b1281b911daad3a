import type Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import { ANONYMOUS_LEAD_PREFIX, decodeContract, ENGAGEMENT_EVENTS_TOPIC, EngagementEventV1, IDENTITY_LINKS_TOPIC, IdentityLinkedV1 } from '@baton/contracts';
import { readTopicToEnd } from '@baton/kafka';
import { deleteKeysMatching } from '@baton/redis';
import { identityBufferKey, identityLeadKey } from './identity-link.keys';
import type { IdentityLinkOptions } from './identity-link.options';

export const IDENTITY_KEY_PATTERN = 'baton:identity:*';

export interface IdentityRebuildReport {
  readonly deletedKeys: number;
  readonly links: number;
  readonly bufferedEvents: number;
}

/**
 * Ingest's identity state is derived from the log (architecture principle 1): the links are the first
 * IdentityLinkedV1 of each anonymous lead on baton.identity-links.v1, the buffers are the events stored under
 * a still anonymous lead on the engagement topic within the buffer's lifetime. This empties the keys and
 * replays both topics into them. Run it with ingest stopped: a link made meanwhile could be deleted.
 */
export async function rebuildIdentityState(kafka: Kafka, redis: Redis, options: IdentityLinkOptions, now: Date = new Date()): Promise<IdentityRebuildReport> {
  const deletedKeys = await deleteKeysMatching(redis, IDENTITY_KEY_PATTERN);

  const linked = new Set<string>();
  await readTopicToEnd(kafka, IDENTITY_LINKS_TOPIC, async (message) => {
    const decoded = decodeContract(IdentityLinkedV1, message.value);
    if (!decoded.ok || !decoded.value.anonymousLeadId.startsWith(ANONYMOUS_LEAD_PREFIX)) return;
    const anonymousId = decoded.value.anonymousLeadId.slice(ANONYMOUS_LEAD_PREFIX.length);
    // One partition per anonymous lead, read in order: the first link in the log is the one that held.
    if (linked.has(anonymousId)) return;
    linked.add(anonymousId);
    await redis.set(identityLeadKey(anonymousId), decoded.value.leadId, 'EX', options.linkTtlSeconds);
  });

  // As live: every event of a still anonymous visitor, the newest bufferMaxEvents kept, for bufferTtl after its latest.
  const latest = new Map<string, number>();
  await readTopicToEnd(kafka, ENGAGEMENT_EVENTS_TOPIC, async (message) => {
    const key = message.key?.toString('utf8') ?? '';
    if (!key.startsWith(ANONYMOUS_LEAD_PREFIX) || message.value === null) return;
    const anonymousId = key.slice(ANONYMOUS_LEAD_PREFIX.length);
    if (linked.has(anonymousId)) return; // drained into its lead when it was linked: already in the log under it
    const event = decodeContract(EngagementEventV1, message.value);
    if (!event.ok) return;
    const buffer = identityBufferKey(anonymousId);
    await redis.multi().rpush(buffer, message.value.toString('utf8')).ltrim(buffer, -options.bufferMaxEvents, -1).exec();
    latest.set(anonymousId, Math.max(latest.get(anonymousId) ?? 0, Date.parse(event.value.occurredAt)));
  });
  let bufferedEvents = 0;
  for (const [anonymousId, at] of latest) {
    const buffer = identityBufferKey(anonymousId);
    const expiresAt = at + options.bufferTtlSeconds * 1000;
    if (expiresAt <= now.getTime()) {
      await redis.unlink(buffer);
      continue;
    }
    await redis.pexpireat(buffer, expiresAt);
    bufferedEvents += await redis.llen(buffer);
  }
  return { deletedKeys, links: linked.size, bufferedEvents };
}
