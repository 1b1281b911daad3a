import { Injectable } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { DependencyUnavailableError } from '@baton/kafka';
import { isRedisUnavailable, leadKey, LuaScript, RedisConnection } from '@baton/redis';
import { APPLY_SCORE_LUA } from './apply-score.lua';

export interface AppliedScore {
  /** False when the event had been applied before (a duplicate or a redelivery). */
  readonly firstTime: boolean;
  /** True once the resulting change is published (or there was nothing to publish). */
  readonly published: boolean;
  readonly score: number;
  readonly delta: number;
  readonly scoredAt: string;
}

const applyScore = new LuaScript('apply-score', APPLY_SCORE_LUA);

/** The lead's rolling score in Redis; every write goes through one Lua script, so it is atomic. */
@Injectable()
export class RedisScoreStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: ScoringEnv,
  ) {}

  async apply(leadId: string, eventId: string, points: number, modelVersion: string, scoredAt: string): Promise<AppliedScore> {
    const reply = await this.call(() =>
      applyScore.run(this.redis.client, [leadKey(leadId, 'score'), eventRecordKey(leadId, eventId)], [points, this.config.SCORING_DEDUPE_TTL_SECONDS, modelVersion, scoredAt]),
    );
    const [firstTime, record] = reply as [number, string];
    const [state, score, delta, at] = record.split('|');
    return { firstTime: firstTime === 1, published: state === 'emitted', score: Number(score), delta: Number(delta), scoredAt: at ?? scoredAt };
  }

  async markPublished(leadId: string, eventId: string, applied: AppliedScore): Promise<void> {
    const record = `emitted|${applied.score}|${applied.delta}|${applied.scoredAt}`;
    await this.call(() => this.redis.client.set(eventRecordKey(leadId, eventId), record, 'KEEPTTL', 'XX'));
  }

  async currentScore(leadId: string): Promise<number> {
    return Number((await this.call(() => this.redis.client.hget(leadKey(leadId, 'score'), 'score'))) ?? 0);
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw isRedisUnavailable(error) ? new DependencyUnavailableError('redis', error) : error;
    }
  }
}

function eventRecordKey(leadId: string, eventId: string): string {
  return leadKey(leadId, 'event', eventId);
}
