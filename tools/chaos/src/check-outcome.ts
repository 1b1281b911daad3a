import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import {
  ENGAGEMENT_EVENTS_TOPIC,
  isQualifiedStage,
  LIFECYCLE_DEAD_LETTER_TOPIC,
  NOTIFIER_DEAD_LETTER_TOPIC,
  SCORE_CHANGES_TOPIC,
  SCORING_DEAD_LETTER_TOPIC,
  type EngagementEventV1,
  type ScoreChangedV1,
} from '@baton/contracts';
import { leadJourney, type JourneyCause, type LeadJourney } from '@baton/lifecycle-domain';
import type { ScoringModel } from '@baton/scoring-domain';
import { readTopicToEnd } from '@baton/kafka';
import type { BatonSystem, WebhookReceiver } from '@baton/testing';

/** What the system ended with, against the pure domain's answer over the same log. */
export interface Outcome {
  readonly leads: number;
  readonly eventsAccepted: number;
  readonly eventsInLog: number;
  /** Accepted by ingest (202) but not in the log. */
  readonly eventsLost: number;
  /** Causes without exactly one score change id: not counted, or counted twice. */
  readonly eventsNotCountedOnce: number;
  readonly scoreMismatches: number;
  readonly stageMismatches: number;
  readonly alertsExpected: number;
  readonly alertsLost: number;
  /** A second alert (another alert id) for a qualification, or one the oracle does not expect. */
  readonly alertsDuplicated: number;
  /** The same alert (same webhook-id) answered 2xx more than once: at-least-once delivery, receivers dedupe. */
  readonly alertsRedelivered: number;
  readonly deadLetters: number;
  /** A few examples of what differed, for the log. */
  readonly examples: readonly string[];
}

export async function checkOutcome(system: BatonSystem, receiver: WebhookReceiver, model: ScoringModel, accepted: ReadonlyMap<string, EngagementEventV1>): Promise<Outcome> {
  const examples: string[] = [];
  const note = (example: string): void => {
    if (examples.length < 10) examples.push(example);
  };
  const [events, changes, ...deadLetters] = await Promise.all(
    [ENGAGEMENT_EVENTS_TOPIC, SCORE_CHANGES_TOPIC, SCORING_DEAD_LETTER_TOPIC, LIFECYCLE_DEAD_LETTER_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC].map((topic) => readWholeTopic(system.kafkaBrokers, topic)),
  );

  // The oracle's input: each lead's events in log order, a resent id counted at its first place, as scoring does.
  const causesByLead = new Map<string, JourneyCause[]>();
  const inLog = new Map<string, string>();
  for (const { value, loggedAt } of events ?? []) {
    const event = JSON.parse(value) as EngagementEventV1;
    if (inLog.has(event.eventId)) continue;
    inLog.set(event.eventId, event.leadId);
    causesByLead.set(event.leadId, [...(causesByLead.get(event.leadId) ?? []), { kind: 'event', event, loggedAt }]);
  }
  const eventsLost = [...accepted.keys()].filter((eventId) => !inLog.has(eventId)).length;
  if (eventsLost > 0) note(`${eventsLost} accepted event(s) missing from ${ENGAGEMENT_EVENTS_TOPIC}`);

  const changeIdsByCause = new Map<string, Set<string>>();
  for (const { value } of changes ?? []) {
    const change = JSON.parse(value) as ScoreChangedV1;
    const cause = `${change.leadId}/${change.causeEventId}`;
    changeIdsByCause.set(cause, (changeIdsByCause.get(cause) ?? new Set()).add(change.scoreChangeId));
  }
  let eventsNotCountedOnce = 0;
  for (const [eventId, leadId] of inLog) {
    const ids = changeIdsByCause.get(`${leadId}/${eventId}`);
    if (ids?.size !== 1) {
      eventsNotCountedOnce++;
      note(`event ${eventId}: ${ids?.size ?? 0} score change id(s)`);
    }
  }

  const expected = new Map<string, LeadJourney>([...causesByLead].map(([leadId, causes]) => [leadId, leadJourney(model, causes)]));
  let scoreMismatches = 0;
  let stageMismatches = 0;
  for (const [leadId, journey] of expected) {
    const { status, view } = await leadView(system, leadId);
    // The score the lead's latest decision was taken on, as of the time its cause entered the log, as the oracle's.
    if (view?.scores.decided.score !== journey.score) {
      scoreMismatches++;
      note(`${leadId}: score ${view?.scores.decided.score} (HTTP ${status}), oracle ${journey.score}`);
    }
    if (view?.stage !== journey.stage) {
      stageMismatches++;
      note(`${leadId}: stage ${view?.stage}, oracle ${journey.stage}`);
    }
  }

  const alerts = alertsOf(receiver);
  let alertsExpected = 0;
  let alertsLost = 0;
  let alertsDuplicated = 0;
  for (const [leadId, journey] of expected) {
    for (const stage of new Set(journey.reached.filter(isQualifiedStage))) {
      alertsExpected++;
      const alertIds = alerts.byQualification.get(`${leadId}/${stage}`);
      if (alertIds === undefined) {
        alertsLost++;
        note(`${leadId}: no alert for ${stage}`);
      } else if (alertIds.size > 1) {
        alertsDuplicated += alertIds.size - 1;
        note(`${leadId}: ${alertIds.size} alerts for ${stage}`);
      }
    }
  }
  for (const [qualification, alertIds] of alerts.byQualification) {
    const [leadId, stage] = qualification.split('/') as [string, string];
    if (!expected.get(leadId)?.reached.includes(stage as never)) {
      alertsDuplicated += alertIds.size;
      note(`${leadId}: unexpected alert for ${stage}`);
    }
  }

  return {
    leads: expected.size,
    eventsAccepted: accepted.size,
    eventsInLog: inLog.size,
    eventsLost,
    eventsNotCountedOnce,
    scoreMismatches,
    stageMismatches,
    alertsExpected,
    alertsLost,
    alertsDuplicated,
    alertsRedelivered: alerts.redelivered,
    deadLetters: deadLetters.reduce((sum, messages) => sum + messages.length, 0),
    examples,
  };
}

/**
 * The lead as lifecycle serves it. Read as a well-behaved client does: after a 429 (the key's rate limit) it waits
 * as long as Retry-After says; a failed connection is tried again, and named when it keeps failing.
 */
interface ChaosLeadView {
  readonly stage: string;
  readonly scores: { readonly decided: { readonly score: number } };
}

async function leadView(system: BatonSystem, leadId: string): Promise<{ status: number; view?: ChaosLeadView }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${system.urlOf('lifecycle')}/v1/leads/${encodeURIComponent(leadId)}`, { headers: system.authorized() });
      if (response.status === 429 && attempt < 30) {
        await response.arrayBuffer();
        await sleep(1000 * Number(response.headers.get('retry-after') ?? 1));
        continue;
      }
      return response.ok ? { status: response.status, view: (await response.json()) as ChaosLeadView } : { status: response.status };
    } catch (error: unknown) {
      if (attempt >= 3) throw new Error(`GET /v1/leads/${leadId} from lifecycle failed: ${String((error as { cause?: unknown }).cause ?? error)}`);
      await sleep(500);
    }
  }
}

/** The verified alerts the receiver accepted (2xx), by lead and stage; and how many came more than once. */
function alertsOf(receiver: WebhookReceiver): { byQualification: Map<string, Set<string>>; redelivered: number } {
  const byQualification = new Map<string, Set<string>>();
  const seen = new Set<string>();
  let redelivered = 0;
  for (const delivery of receiver.received) {
    if (!delivery.verified || delivery.status === undefined || delivery.status >= 300) continue;
    if (seen.has(delivery.id)) redelivered++;
    seen.add(delivery.id);
    const body = JSON.parse(delivery.body) as { leadId: string; stage: string };
    const key = `${body.leadId}/${body.stage}`;
    byQualification.set(key, (byQualification.get(key) ?? new Set()).add(delivery.id));
  }
  return { byQualification, redelivered };
}

interface LoggedValue {
  readonly value: string;
  /** When it entered the log: the record's timestamp. */
  readonly loggedAt: string;
}

/** A topic's messages, from its start to the end it had when asked, each partition in order. */
async function readWholeTopic(brokers: string, topic: string): Promise<LoggedValue[]> {
  const values: LoggedValue[] = [];
  const kafka = new Kafka({ clientId: 'baton-chaos-check', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  await readTopicToEnd(kafka, topic, async (message) => void values.push({ value: message.value?.toString('utf8') ?? '', loggedAt: new Date(Number(message.timestamp)).toISOString() }));
  return values;
}
