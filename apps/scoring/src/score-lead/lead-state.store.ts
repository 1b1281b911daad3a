import { Injectable } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { appliedOffsetsOf, callRedis, CauseLedger, leadKey, offsetField, RedisConnection, type CommitResult, type LedgerView, type LogPosition } from '@baton/redis';
import type { LeadProfile, LeadScore, LeadScoringState } from '@baton/scoring-domain';

export interface LeadSnapshot extends LedgerView {
  readonly state: LeadScoringState;
  /** The total of the last change committed, for the next change's delta. */
  readonly lastScore: number;
}

/** What a slice of causes did to a lead: the state it left, its score then, and one score change per cause. */
export interface ScoredSlice {
  readonly leadId: string;
  readonly version: number;
  readonly state: Omit<LeadScoringState, 'activity'>;
  readonly score: LeadScore;
  /** The activity fields (rule and day) to add one to, one per rule an event fired. */
  readonly increments: readonly string[];
  /** Where each cause sat in the log: the applied offsets move up to them. */
  readonly positions: readonly LogPosition[];
  readonly changes: readonly { readonly causeKey: string; readonly payload: string }[];
}

/** The activity counts are incremented in the commit, not set: only the fields the slice's events fired are sent, each once with its count. */
const ledger = new CauseLedger('scoring', "for i = 1, #args, 2 do redis.call('HINCRBY', KEYS[2], args[i], args[i + 1]) end");

/**
 * A lead's scoring state in Redis, under keys hash-tagged by the lead (one Cluster slot): `…:scoring:state`,
 * `…:scoring:activity` (count per rule and day) and the cause ledger's records, one per event or profile update.
 */
@Injectable()
export class LeadStateStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: ScoringEnv,
  ) {}

  async read(leadId: string, causeKeys: readonly string[]): Promise<LeadSnapshot> {
    const client = this.redis.client;
    const [state, activity, records] = await Promise.all([
      callRedis(() => client.hgetall(ledger.stateKey(leadId))),
      callRedis(() => client.hgetall(activityKey(leadId))),
      ledger.records(client, leadId, causeKeys),
    ]);
    return {
      version: Number(state['version'] ?? 0),
      lastScore: Number(state['score'] ?? 0),
      state: {
        activity: new Map(Object.entries(activity).map(([field, count]) => [field, Number(count)])),
        profile: state['profile'] ? (JSON.parse(state['profile']) as LeadProfile) : {},
        latestEventDay: state['latestEventDay'] ? Number(state['latestEventDay']) : undefined,
        loggedUpTo: state['loggedUpTo'] || undefined,
      },
      appliedOffsets: appliedOffsetsOf(state),
      records,
    };
  }

  async commit(slice: ScoredSlice): Promise<CommitResult> {
    const { state, score } = slice;
    const fields: Record<string, string> = {
      score: String(score.score),
      engagement: String(score.engagement),
      fit: String(score.fit),
      grade: score.grade,
      modelVersion: score.modelVersion,
      profile: JSON.stringify(state.profile),
      ...(state.latestEventDay === undefined ? {} : { latestEventDay: String(state.latestEventDay) }),
      ...(state.loggedUpTo === undefined ? {} : { loggedUpTo: state.loggedUpTo }),
    };
    for (const position of slice.positions) fields[offsetField(position)] = position.offset;
    return ledger.commit(
      this.redis.client,
      { leadId: slice.leadId, version: slice.version, state: fields, keys: [activityKey(slice.leadId)], args: countsOf(slice.increments), causes: slice.changes },
      this.config.SCORING_DEDUPE_TTL_SECONDS,
    );
  }

  async markPublished(changes: readonly { readonly leadId: string; readonly causeKey: string }[]): Promise<void> {
    await ledger.markPublished(this.redis.client, changes);
  }

  /** The last committed score of a lead (0 when unknown). */
  async currentScore(leadId: string): Promise<number> {
    return Number((await callRedis(() => this.redis.client.hget(ledger.stateKey(leadId), 'score'))) ?? 0);
  }
}

/** Every scoring key of every lead matches this: what a rebuild deletes. */
export const SCORING_KEY_PATTERN = leadKey('*', 'scoring', '*');

/** Field and count, flat, for each field incremented. */
function countsOf(increments: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const field of increments) counts.set(field, (counts.get(field) ?? 0) + 1);
  return [...counts].flatMap(([field, count]) => [field, String(count)]);
}

function activityKey(leadId: string): string {
  return leadKey(leadId, 'scoring', 'activity');
}
