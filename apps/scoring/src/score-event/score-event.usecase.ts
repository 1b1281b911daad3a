import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EngagementEventV1 } from '@baton/contracts';
import type { HandlerOutcome } from '@baton/kafka';
import { pointsFor, type PointsTable } from '@baton/scoring-domain';
import { RedisScoreStore } from './redis-score.store';
import { ScoreChangedPublisher } from './score-changed.publisher';

export const POINTS_TABLE = Symbol('POINTS_TABLE');

/**
 * Scores one engagement event: points from the model, applied once in Redis, the change published.
 * A crash between the Redis write and the publish is healed by the redelivery, which finds the change
 * stored but unpublished and publishes it (with the same id, so lifecycle counts it once).
 */
@Injectable()
export class ScoreEventUseCase {
  private readonly logger = new Logger(ScoreEventUseCase.name);

  constructor(
    @Inject(POINTS_TABLE) private readonly table: PointsTable,
    private readonly store: RedisScoreStore,
    private readonly publisher: ScoreChangedPublisher,
  ) {}

  async execute(event: EngagementEventV1): Promise<HandlerOutcome> {
    const points = pointsFor(event.type, this.table);
    const applied = await this.store.apply(event.leadId, event.eventId, points, this.table.modelVersion, new Date().toISOString());
    if (applied.published) return 'skipped';
    await this.publisher.publish({
      scoreChangeId: scoreChangeIdFor(event.leadId, event.eventId),
      leadId: event.leadId,
      causeEventId: event.eventId,
      causeEventType: event.type,
      score: applied.score,
      delta: applied.delta,
      modelVersion: this.table.modelVersion,
      occurredAt: event.occurredAt,
      scoredAt: applied.scoredAt,
    });
    await this.store.markPublished(event.leadId, event.eventId, applied);
    this.logger.log(`lead ${event.leadId} event ${event.eventId} (${event.type}) ${applied.delta >= 0 ? '+' : ''}${applied.delta} -> ${applied.score}`);
    return applied.firstTime ? 'processed' : 'skipped';
  }
}

export function scoreChangeIdFor(leadId: string, eventId: string): string {
  return `sc_${createHash('sha256').update(`${leadId}\u0000${eventId}`).digest('hex').slice(0, 32)}`;
}
