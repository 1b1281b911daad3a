import type { PointsTable } from './points-table';

export interface ScorableEvent {
  readonly eventId: string;
  readonly type: string;
}

export interface ScoreUpdate {
  readonly score: number;
  /** What the score actually moved by: less than the points when the floor cut it. */
  readonly delta: number;
}

/** Points an event type is worth; a type the model does not know is worth nothing (and is still recorded). */
export function pointsFor(eventType: string, table: PointsTable): number {
  return Object.prototype.hasOwnProperty.call(table.pointsByType, eventType) ? (table.pointsByType[eventType] ?? 0) : 0;
}

/** A score never goes below zero: a bounce cannot leave a debt that later interest must pay off. */
export function addPoints(score: number, points: number): ScoreUpdate {
  const next = Math.max(0, score + points);
  return { score: next, delta: next - score };
}

/**
 * The score of a lead after these events, in order, each event id counted once. This is the oracle that
 * the Redis-backed scoring is checked against.
 */
export function scoreEvents(events: readonly ScorableEvent[], table: PointsTable): number {
  const seen = new Set<string>();
  let score = 0;
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    score = addPoints(score, pointsFor(event.type, table)).score;
  }
  return score;
}
