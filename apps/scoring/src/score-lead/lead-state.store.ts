import { Injectable } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { callRedis, leadKey, LuaScript, RedisConnection } from '@baton/redis';
import type { LeadProfile, LeadScoringState } from '@baton/scoring-domain';
import { COMMIT_LEAD_STATE_LUA } from './commit-lead-state.lua';

/** A cause's record: `pending|<ScoreChanged payload>` until published, then `emitted|`. */
export interface CauseRecord {
  readonly published: boolean;
  readonly payload: string;
}

export interface LeadSnapshot {
  readonly version: number;
  readonly state: LeadScoringState;
  /** The total of the last change committed, for the next change's delta. */
  readonly lastScore: number;
  /** Highest offset applied per `<topic>:<partition>`: a redelivery at or below it was applied before. */
  readonly appliedOffsets: ReadonlyMap<string, bigint>;
  readonly records: ReadonlyMap<string, CauseRecord>;
}

export interface LeadCommit {
  readonly leadId: string;
  readonly version: number;
  readonly increments: readonly string[];
  readonly state: Readonly<Record<string, string>>;
  readonly records: readonly { readonly causeKey: string; readonly payload: string }[];
}

export type CommitResult = 'committed' | 'conflict';

const commitLeadState = new LuaScript('commit-lead-state', COMMIT_LEAD_STATE_LUA);
const OFFSET_FIELD_PREFIX = 'offset:';

/**
 * A lead's scoring state in Redis, under keys hash-tagged by the lead (one Cluster slot): `…:scoring:state`,
 * `…:scoring:activity` and one `…:scoring:cause:<e|p>:<id>` record per event or profile update.
 */
@Injectable()
export class LeadStateStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: ScoringEnv,
  ) {}

  async read(leadId: string, causeKeys: readonly string[]): Promise<LeadSnapshot> {
    const [state, activity, records] = await callRedis(() =>
      Promise.all([
        this.redis.client.hgetall(stateKey(leadId)),
        this.redis.client.hgetall(activityKey(leadId)),
        causeKeys.length === 0 ? Promise.resolve([]) : this.redis.client.mget(causeKeys.map((causeKey) => recordKey(leadId, causeKey))),
      ]),
    );
    const appliedOffsets = new Map<string, bigint>();
    for (const [field, value] of Object.entries(state)) {
      if (field.startsWith(OFFSET_FIELD_PREFIX)) appliedOffsets.set(field.slice(OFFSET_FIELD_PREFIX.length), BigInt(value));
    }
    const found = new Map<string, CauseRecord>();
    records.forEach((record, index) => {
      if (record !== null) found.set(causeKeys[index] as string, parseRecord(record));
    });
    return {
      version: Number(state['version'] ?? 0),
      lastScore: Number(state['score'] ?? 0),
      state: {
        activity: new Map(Object.entries(activity).map(([field, count]) => [field, Number(count)])),
        profile: state['profile'] ? (JSON.parse(state['profile']) as LeadProfile) : {},
        latestEventDay: state['latestEventDay'] ? Number(state['latestEventDay']) : undefined,
        loggedUpTo: state['loggedUpTo'] || undefined,
      },
      appliedOffsets,
      records: found,
    };
  }

  async commit(commit: LeadCommit): Promise<CommitResult> {
    const keys = [stateKey(commit.leadId), activityKey(commit.leadId), ...commit.records.map((record) => recordKey(commit.leadId, record.causeKey))];
    const plan = JSON.stringify({ increments: commit.increments, state: commit.state });
    const records = commit.records.map((record) => `pending|${record.payload}`);
    const reply = await callRedis(() => commitLeadState.run(this.redis.client, keys, [commit.version, this.config.SCORING_DEDUPE_TTL_SECONDS, plan, ...records]));
    return Number(reply) > 0 ? 'committed' : 'conflict';
  }

  /** Once published, a record only has to say so: the payload is dropped to keep a week of ids small. */
  async markPublished(records: readonly { readonly leadId: string; readonly causeKey: string }[]): Promise<void> {
    if (records.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const record of records) pipeline.set(recordKey(record.leadId, record.causeKey), 'emitted|', 'KEEPTTL', 'XX');
    await callRedis(() => pipeline.exec());
  }

  /** The last committed score of a lead (0 when unknown). */
  async currentScore(leadId: string): Promise<number> {
    return Number((await callRedis(() => this.redis.client.hget(stateKey(leadId), 'score'))) ?? 0);
  }
}

export function offsetField(topic: string, partition: number): string {
  return `${OFFSET_FIELD_PREFIX}${topic}:${partition}`;
}

/** Every scoring key of every lead matches this: what a rebuild deletes. */
export const SCORING_KEY_PATTERN = leadKey('*', 'scoring', '*');

function stateKey(leadId: string): string {
  return leadKey(leadId, 'scoring', 'state');
}

function activityKey(leadId: string): string {
  return leadKey(leadId, 'scoring', 'activity');
}

function recordKey(leadId: string, causeKey: string): string {
  return leadKey(leadId, 'scoring', 'cause', causeKey);
}

function parseRecord(record: string): CauseRecord {
  const separator = record.indexOf('|');
  return { published: record.slice(0, separator) === 'emitted', payload: record.slice(separator + 1) };
}
