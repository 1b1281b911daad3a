import { Injectable } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { INITIAL_STAGE, isStage, type LeadLifecycle } from '@baton/lifecycle-domain';
import { callRedis, leadKey, LuaScript, RedisConnection } from '@baton/redis';
import { COMMIT_LIFECYCLE_LUA } from './commit-lifecycle.lua';
import { jsonField, type CauseRecord, type LeadCommit, type LeadRecord, type OutboxMessage } from './lead-record';

const commitLifecycle = new LuaScript('commit-lifecycle', COMMIT_LIFECYCLE_LUA);
const JOURNEY_MAX = 50;
const OFFSET_PREFIX = 'offset:';
/** Leads by the time they are idle since (ms; see idleSince): what the inactivity sweep walks. One key, outside any lead's slot. */
export const LAST_ACTIVITY_KEY = 'baton:lifecycle:last-activity';
/** Every lead's lifecycle state matches this: what the funnel reads. */
export const LIFECYCLE_STATE_PATTERN = leadKey('*', 'lifecycle', 'state');

export type CommitResult = 'committed' | 'conflict';

/**
 * Each lead's stage, scores, history and journey under keys hash-tagged by the lead (`…:lifecycle:state`,
 * `:history`, `:journey`, `:cause:<id>`); every change is one Lua commit that refuses a cause seen before.
 */
@Injectable()
export class LeadLifecycleStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: LifecycleEnv,
  ) {}

  /** The lead's state, and the records of the causes asked about; history and journey are read apart, when needed. */
  async read(leadId: string, causeKeys: readonly string[] = []): Promise<LeadRecord> {
    const client = this.redis.client;
    const [fields, records] = await callRedis(() =>
      Promise.all([client.hgetall(stateKey(leadId)), causeKeys.length === 0 ? Promise.resolve([]) : client.mget(causeKeys.map((causeKey) => causeRecordKey(leadId, causeKey)))]),
    );
    const causes = new Map<string, CauseRecord>();
    records.forEach((record, index) => {
      if (record !== null) causes.set(causeKeys[index] as string, parseRecord(record));
    });
    return { ...leadRecordOf(leadId, fields), causes };
  }

  /** Stage transitions, oldest first (JSON entries). */
  async history(leadId: string): Promise<string[]> {
    return callRedis(() => this.redis.client.lrange(historyKey(leadId), 0, -1));
  }

  /** The latest journey steps, in the order they were recorded (JSON JourneyStepV1). */
  async journey(leadId: string): Promise<string[]> {
    return callRedis(() => this.redis.client.lrange(journeyKey(leadId), -JOURNEY_MAX, -1));
  }

  async commit(commit: LeadCommit): Promise<CommitResult> {
    const { leadId, causes } = commit;
    const records = causes.map((cause) => (cause.outbox.length === 0 ? 'emitted|' : `pending|${JSON.stringify(cause.outbox)}`));
    const plan = JSON.stringify({ state: commit.state, history: commit.history, journey: commit.journey, journeyMax: JOURNEY_MAX, records });
    const keys = [stateKey(leadId), historyKey(leadId), journeyKey(leadId), ...causes.map((cause) => causeRecordKey(leadId, cause.causeKey))];
    const reply = await callRedis(() => commitLifecycle.run(this.redis.client, keys, [commit.version, this.config.LIFECYCLE_DEDUPE_TTL_SECONDS, plan]));
    return Number(reply) > 0 ? 'committed' : 'conflict';
  }

  /** Marks the causes' outboxes published, in one round trip. */
  async markPublished(causes: readonly { readonly leadId: string; readonly causeKey: string }[]): Promise<void> {
    if (causes.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const { leadId, causeKey } of causes) pipeline.set(causeRecordKey(leadId, causeKey), 'emitted|', 'KEEPTTL', 'XX');
    await callRedis(() => pipeline.exec());
  }

  /** Keeps the inactivity index on the time each lead is idle since (GT: a late event never moves it back), in one round trip. */
  async noteIdleSince(leads: readonly { readonly leadId: string; readonly at: string }[]): Promise<void> {
    if (leads.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const { leadId, at } of leads) pipeline.zadd(LAST_ACTIVITY_KEY, 'GT', Date.parse(at), leadId);
    await callRedis(() => pipeline.exec());
  }

  async inactiveSince(before: number, limit: number): Promise<string[]> {
    return callRedis(() => this.redis.client.zrangebyscore(LAST_ACTIVITY_KEY, '-inf', before, 'LIMIT', 0, limit));
  }

  async forgetActivity(leadId: string): Promise<void> {
    await callRedis(() => this.redis.client.zrem(LAST_ACTIVITY_KEY, leadId));
  }

  /** Every lead's funnel fields, read a page at a time. */
  async *funnelFields(): AsyncGenerator<Record<string, string | null>> {
    let cursor = '0';
    do {
      const [next, keys] = await callRedis(() => this.redis.client.scan(cursor, 'MATCH', LIFECYCLE_STATE_PATTERN, 'COUNT', 1000));
      cursor = next;
      const pipeline = this.redis.client.pipeline();
      for (const key of keys) pipeline.hmget(key, 'stage', 'mqlAt', 'sqlAt', 'salesOutcome');
      const replies = (await callRedis(() => pipeline.exec())) ?? [];
      for (const [, values] of replies) {
        const [stage, mqlAt, sqlAt, salesOutcome] = values as (string | null)[];
        yield { stage: stage ?? null, mqlAt: mqlAt ?? null, sqlAt: sqlAt ?? null, salesOutcome: salesOutcome ?? null };
      }
    } while (cursor !== '0');
  }
}

export function offsetField(topic: string, partition: number): string {
  return `${OFFSET_PREFIX}${topic}:${partition}`;
}

function stateKey(leadId: string): string {
  return leadKey(leadId, 'lifecycle', 'state');
}

function historyKey(leadId: string): string {
  return leadKey(leadId, 'lifecycle', 'history');
}

function journeyKey(leadId: string): string {
  return leadKey(leadId, 'lifecycle', 'journey');
}

function causeRecordKey(leadId: string, causeKey: string): string {
  return leadKey(leadId, 'lifecycle', 'cause', causeKey);
}

/** A lead as its state fields say (no causes asked about): also what a commit's fields make of it, before they are stored. */
export function leadRecordOf(leadId: string, fields: Readonly<Record<string, string>>): LeadRecord {
  const appliedOffsets = new Map<string, bigint>();
  for (const [name, value] of Object.entries(fields)) if (name.startsWith(OFFSET_PREFIX)) appliedOffsets.set(name.slice(OFFSET_PREFIX.length), BigInt(value));
  const stage = fields['stage'];
  const lifecycle: LeadLifecycle = {
    stage: stage !== undefined && isStage(stage) ? stage : INITIAL_STAGE,
    since: fields['since'] || undefined,
    lastActivityAt: fields['lastActivityAt'] || undefined,
    recycledAtEngagement: fields['recycledAtEngagement'] ? Number(fields['recycledAtEngagement']) : undefined,
    highIntent: jsonField(fields, 'highIntent', []),
  };
  return { leadId, known: fields['version'] !== undefined, version: Number(fields['version'] ?? 0), lifecycle, fields, causes: new Map(), appliedOffsets };
}

function parseRecord(record: string): CauseRecord {
  const separator = record.indexOf('|');
  const published = record.slice(0, separator) === 'emitted';
  return { published, outbox: published ? [] : (JSON.parse(record.slice(separator + 1)) as OutboxMessage[]) };
}
