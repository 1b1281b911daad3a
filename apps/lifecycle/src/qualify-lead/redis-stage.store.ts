import { Injectable } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { DependencyUnavailableError } from '@baton/kafka';
import { INITIAL_STAGE, isStage, type Stage } from '@baton/lifecycle-domain';
import { isRedisUnavailable, leadKey, LuaScript, RedisConnection } from '@baton/redis';
import { QUALIFY_LUA } from './qualify.lua';

export interface StoredQualification {
  readonly published: boolean;
  readonly payload: string;
}

export interface StageTransition {
  readonly leadId: string;
  readonly qualificationId: string;
  readonly from: Stage;
  readonly to: Stage;
  readonly at: string;
  readonly historyEntry: string;
  readonly payload: string;
}

export class StageConflictError extends Error {
  constructor(leadId: string, expected: Stage, actual: string) {
    super(`lead ${leadId} moved from ${expected} to ${actual} while a decision was made`);
    this.name = 'StageConflictError';
  }
}

const qualify = new LuaScript('qualify', QUALIFY_LUA);

/** Each lead's stage, its history and its qualifications in Redis; every transition is one Lua script. */
@Injectable()
export class RedisStageStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: LifecycleEnv,
  ) {}

  async stageOf(leadId: string): Promise<Stage> {
    const stage = await this.call(() => this.redis.client.hget(leadKey(leadId, 'stage'), 'stage'));
    return stage !== null && isStage(stage) ? stage : INITIAL_STAGE;
  }

  async qualification(leadId: string, qualificationId: string): Promise<StoredQualification | undefined> {
    const record = await this.call(() => this.redis.client.get(qualificationKey(leadId, qualificationId)));
    return record === null ? undefined : parseRecord(record);
  }

  /** Applies the transition, or throws StageConflictError when the lead's stage changed meanwhile. */
  async transition(transition: StageTransition): Promise<StoredQualification> {
    const { leadId } = transition;
    const reply = (await this.call(() =>
      qualify.run(
        this.redis.client,
        [leadKey(leadId, 'stage'), qualificationKey(leadId, transition.qualificationId), leadKey(leadId, 'history')],
        [transition.from, transition.to, transition.at, transition.historyEntry, transition.payload, this.config.LIFECYCLE_DEDUPE_TTL_SECONDS, transition.qualificationId],
      ),
    )) as [number, string];
    const [status, detail] = reply;
    if (status === -1) throw new StageConflictError(leadId, transition.from, detail);
    return parseRecord(detail);
  }

  async markPublished(leadId: string, qualificationId: string, payload: string): Promise<void> {
    await this.call(() => this.redis.client.set(qualificationKey(leadId, qualificationId), `emitted|${payload}`, 'KEEPTTL', 'XX'));
  }

  async history(leadId: string): Promise<string[]> {
    return this.call(() => this.redis.client.lrange(leadKey(leadId, 'history'), 0, -1));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw isRedisUnavailable(error) ? new DependencyUnavailableError('redis', error) : error;
    }
  }
}

function qualificationKey(leadId: string, qualificationId: string): string {
  return leadKey(leadId, 'qualification', qualificationId);
}

function parseRecord(record: string): StoredQualification {
  const separator = record.indexOf('|');
  return { published: record.slice(0, separator) === 'emitted', payload: record.slice(separator + 1) };
}
