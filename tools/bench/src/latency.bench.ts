import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { LEAD_QUALIFIED_TOPIC, type EngagementEventV1, type LeadQualifiedV1 } from '@baton/contracts';
import type { WebhookReceiver, ZipfWorkload } from '@baton/testing';
import { consumeFromEnd } from './consume-from-end';
import { latencySummary, type LatencySummary } from './latency-summary';

export interface LatencyResult {
  readonly offeredEventsPerSecond: number;
  readonly seconds: number;
  readonly qualifications: number;
  readonly alertsReceived: number;
  readonly toQualifiedMs: LatencySummary;
  readonly toAlertMs: LatencySummary;
}

const REQUESTS_PER_SECOND = 100;
const WARM_UP_SECONDS = 3;

/**
 * A steady load over HTTP (a request every 10 ms), among which some leads do what qualifies them, measured after a
 * few seconds of the same load. For each qualification: from the moment ingest accepted the event that caused it
 * (its 202 arrived) to LeadQualified read from Kafka, and to the signed alert arriving at the local webhook receiver.
 */
export async function latencyUnderLoad(
  kafka: Kafka,
  ingestUrl: string,
  apiKey: string,
  receiver: WebhookReceiver,
  workload: ZipfWorkload,
  eventsPerSecond: number,
  seconds: number,
): Promise<LatencyResult> {
  const qualifiedAt = new Map<string, { at: number; causeEventId: string }>();
  const consumer = await consumeFromEnd(kafka, LEAD_QUALIFIED_TOPIC, (message) => {
    const qualified = JSON.parse(message.value?.toString('utf8') ?? '{}') as LeadQualifiedV1;
    if (qualified.leadId?.startsWith(`bench-${workload.run}-q`)) qualifiedAt.set(qualified.leadId, { at: Date.now(), causeEventId: qualified.causeEventId });
  });

  const perRequest = Math.max(1, Math.round(eventsPerSecond / REQUESTS_PER_SECOND));
  // Not measured: fresh processes would otherwise put their JIT and first connections in the figures.
  await offerLoad(ingestUrl, apiKey, workload, perRequest, WARM_UP_SECONDS, (index) => `bench-${workload.run}-warm-up-${eventsPerSecond}-${index}`);
  const acceptedAt = new Map<string, number>();
  const started = Date.now();
  const qualifiers = await offerLoad(ingestUrl, apiKey, workload, perRequest, seconds, (index) => qualifierId(workload, eventsPerSecond, index), acceptedAt);
  const elapsed = (Date.now() - started) / 1000;
  const leadIds = Array.from({ length: qualifiers }, (_, index) => qualifierId(workload, eventsPerSecond, index));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && leadIds.some((leadId) => !qualifiedAt.has(leadId) || receiver.deliveriesFor(leadId).length === 0)) await sleep(100);
  await consumer.disconnect();

  const toQualified: number[] = [];
  const toAlert: number[] = [];
  for (const leadId of leadIds) {
    const qualified = qualifiedAt.get(leadId);
    const accepted = qualified === undefined ? undefined : acceptedAt.get(qualified.causeEventId);
    if (qualified === undefined || accepted === undefined) continue;
    toQualified.push(qualified.at - accepted);
    const delivery = receiver.deliveriesFor(leadId)[0];
    if (delivery !== undefined) toAlert.push(delivery.receivedAt - accepted);
  }
  return {
    offeredEventsPerSecond: (perRequest * seconds * REQUESTS_PER_SECOND) / elapsed,
    seconds: elapsed,
    qualifications: toQualified.length,
    alertsReceived: toAlert.length,
    toQualifiedMs: latencySummary(toQualified),
    toAlertMs: latencySummary(toAlert),
  };
}

/**
 * A request every 10 ms for `seconds`, one lead in ten requests doing what qualifies it (a demo request and a
 * download) among the background traffic; notes when ingest accepted each event. Resolves with the qualifiers sent.
 */
async function offerLoad(
  ingestUrl: string,
  apiKey: string,
  workload: ZipfWorkload,
  perRequest: number,
  seconds: number,
  qualifier: (index: number) => string,
  acceptedAt?: Map<string, number>,
): Promise<number> {
  const pending: Promise<void>[] = [];
  let qualifiers = 0;
  const started = Date.now();
  for (let tick = 0; tick < seconds * REQUESTS_PER_SECOND; tick++) {
    const events: EngagementEventV1[] = workload.events(perRequest);
    if (tick % 10 === 0 && events.length >= 2) {
      const leadId = qualifier(qualifiers++);
      const now = new Date().toISOString();
      events.splice(0, 2, { eventId: randomUUID(), leadId, type: 'content_download', occurredAt: now }, { eventId: randomUUID(), leadId, type: 'demo_requested', occurredAt: now });
    }
    pending.push(
      fetch(`${ingestUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ events }) }).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.status !== 202) throw new Error(`ingest answered ${response.status} under load`);
          const at = Date.now();
          for (const event of events) acceptedAt?.set(event.eventId, at);
        },
      ),
    );
    const wait = started + ((tick + 1) * 1000) / REQUESTS_PER_SECOND - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(pending);
  return qualifiers;
}

/** Unique per run and rate: a lead qualified by an earlier latency run would not qualify again. */
function qualifierId(workload: ZipfWorkload, eventsPerSecond: number, index: number): string {
  return `bench-${workload.run}-q${eventsPerSecond}-${index}`;
}
