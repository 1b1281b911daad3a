import { Injectable } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { INITIAL_STAGE, isStage, type LeadLifecycle } from '@baton/lifecycle-domain';
import { appliedOffsetsOf, callRedis, CauseLedger, leadKey, RedisConnection, type CommitResult } from '@baton/redis';
import { jsonField, type LeadCommit, type LeadRecord } from './lead-record';

const JOURNEY_MAX = 50;
/** Stage changes append to the history, journey steps to the journey (its latest JOURNEY_MAX kept). */
/** args: the journey's length kept, how many history entries follow, the entries, then the journey steps. */
const ledger = new CauseLedger(
  'lifecycle',
  `local journeyMax, historyCount = tonumber(args[1]), tonumber(args[2])
if historyCount > 0 then redis.call('RPUSH', KEYS[2], unpack(args, 3, 2 + historyCount)) end
if #args > 2 + historyCount then
  redis.call('RPUSH', KEYS[3], unpack(args, 3 + historyCount))
  redis.call('LTRIM', KEYS[3], -journeyMax, -1)
end`,
);
/** Leads by the time they are idle since (ms; see idleSince): what the inactivity sweep walks. One key, outside any lead's slot. */
export const LAST_ACTIVITY_KEY = 'baton:lifecycle:last-activity';
/** Every lead's lifecycle state matches this: what the funnel reads. */
export const LIFECYCLE_STATE_PATTERN = leadKey('*', 'lifecycle', 'state');

/**
 * Each lead's stage, scores, history and journey under keys hash-tagged by the lead (`…:lifecycle:state`,
 * `:history`, `:journey`) beside the cause ledger's records (`:cause:<key>`, holding the messages a cause is to
 * publish until they are); every change is one commit of the ledger.
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
    const [fields, records] = await Promise.all([callRedis(() => client.hgetall(ledger.stateKey(leadId))), ledger.records(client, leadId, causeKeys)]);
    return { ...leadRecordOf(leadId, fields), records };
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
    const { leadId } = commit;
    return ledger.commit(
      this.redis.client,
      {
        leadId,
        version: commit.version,
        state: commit.state,
        keys: [historyKey(leadId), journeyKey(leadId)],
        args: [String(JOURNEY_MAX), String(commit.history.length), ...commit.history, ...commit.journey],
        causes: commit.causes.map((cause) => ({ causeKey: cause.causeKey, ...(cause.outbox.length === 0 ? {} : { payload: JSON.stringify(cause.outbox) }) })),
      },
      this.config.LIFECYCLE_DEDUPE_TTL_SECONDS,
    );
  }

  /** Marks the causes' outboxes published, in one round trip. */
  async markPublished(causes: readonly { readonly leadId: string; readonly causeKey: string }[]): Promise<void> {
    await ledger.markPublished(this.redis.client, causes);
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

function historyKey(leadId: string): string {
  return leadKey(leadId, 'lifecycle', 'history');
}

function journeyKey(leadId: string): string {
  return leadKey(leadId, 'lifecycle', 'journey');
}

/** A lead as its state fields say (no causes asked about): also what a commit's fields make of it, before they are stored. */
export function leadRecordOf(leadId: string, fields: Readonly<Record<string, string>>): LeadRecord {
  const stage = fields['stage'];
  const lifecycle: LeadLifecycle = {
    stage: stage !== undefined && isStage(stage) ? stage : INITIAL_STAGE,
    since: fields['since'] || undefined,
    lastActivityAt: fields['lastActivityAt'] || undefined,
    recycledAtEngagement: fields['recycledAtEngagement'] ? Number(fields['recycledAtEngagement']) : undefined,
    highIntent: jsonField(fields, 'highIntent', []),
  };
  return { leadId, known: fields['version'] !== undefined, version: Number(fields['version'] ?? 0), lifecycle, fields, records: new Map(), appliedOffsets: appliedOffsetsOf(fields) };
}
