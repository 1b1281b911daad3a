import type { Kafka } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, type EngagementEventV1 } from '@baton/contracts';
import { readTopicToEnd } from '@baton/kafka';
import { scoreHistory, type ScoringCause, type ScoringModel } from '@baton/scoring-domain';

export interface PeerScoreCheck {
  readonly leads: number;
  /** Leads whose last score from the peer equals Baton's pure domain over the same events. */
  readonly equal: number;
  /** A few of the others, to look into. */
  readonly differing: readonly { readonly leadId: string; readonly peer: number | undefined; readonly baton: number }[];
}

/** What the peer emits per new event (tools/streams-peer, ScoreProcessor.ScoreChange). */
interface PeerScoreChange {
  readonly leadId: string;
  readonly eventId: string;
  readonly score: number;
  readonly engagement: number;
}

/**
 * The peer's last score for every lead whose id starts with `leadPrefix`, against `scoreHistory` (Baton's pure
 * domain) over the lead's events as the log holds them, each with its record's timestamp as the time it entered
 * the log: the same causes the peer saw, in the same order (a lead's events are on one partition).
 */
export async function checkPeerScores(kafka: Kafka, model: ScoringModel, peerTopic: string, leadPrefix: string): Promise<PeerScoreCheck> {
  const causes = new Map<string, ScoringCause[]>();
  await readTopicToEnd(kafka, ENGAGEMENT_EVENTS_TOPIC, async (message) => {
    const leadId = message.key?.toString();
    if (leadId === undefined || !leadId.startsWith(leadPrefix) || message.value === null) return;
    const event = JSON.parse(message.value.toString()) as EngagementEventV1;
    const lead = causes.get(event.leadId) ?? [];
    lead.push({ kind: 'event', event, loggedAt: new Date(Number(message.timestamp)).toISOString() });
    causes.set(event.leadId, lead);
  });
  const peerScores = new Map<string, { offset: bigint; score: number }>();
  await readTopicToEnd(kafka, peerTopic, async (message) => {
    if (message.value === null) return;
    const change = JSON.parse(message.value.toString()) as PeerScoreChange;
    if (!change.leadId.startsWith(leadPrefix)) return;
    const offset = BigInt(message.offset);
    const previous = peerScores.get(change.leadId);
    if (previous === undefined || previous.offset < offset) peerScores.set(change.leadId, { offset, score: change.score });
  });
  let equal = 0;
  const differing: { leadId: string; peer: number | undefined; baton: number }[] = [];
  for (const [leadId, leadCauses] of causes) {
    const baton = scoreHistory(model, leadCauses).score;
    const peer = peerScores.get(leadId)?.score;
    if (peer === baton) equal++;
    else if (differing.length < 10) differing.push({ leadId, peer, baton });
  }
  return { leads: causes.size, equal, differing };
}
