import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, SALES_FEEDBACK_TOPIC, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { groupLag, topicEnd, type ZipfWorkload } from '@baton/testing';
import { produceBacklog } from './bulk-produce';

export interface PipelineGroups {
  readonly scoring: string;
  readonly lifecycle: string;
}

export const SCORING_TOPICS = [ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC];
export const LIFECYCLE_TOPICS = [SCORE_CHANGES_TOPIC, SALES_FEEDBACK_TOPIC];

export interface PipelineDrain {
  readonly events: number;
  readonly leads: number;
  readonly scoreChanges: number;
  /** Events per second from the first produced to the last scored (scoring's group committed all), lifecycle running beside it. */
  readonly scoringEventsPerSecond: number;
  /** Events per second from the first produced to the last applied by lifecycle. */
  readonly pipelineEventsPerSecond: number;
  readonly seconds: number;
}

/** A drain with the share of a core each process (scoring, lifecycle, Redis) used over it. */
export type MeasuredDrain = PipelineDrain & { readonly cpuShare: Readonly<Record<string, number>> };

/** A process's CPU time per drained event: its share of a core times the drain's seconds, over the events. */
export function cpuMicrosPerEvent(drain: MeasuredDrain, process: string): number {
  return ((drain.cpuShare[process] ?? Number.NaN) * drain.seconds * 1e6) / drain.events;
}

export interface PipelineSustained {
  readonly offeredEventsPerSecond: number;
  readonly seconds: number;
  /** Lifecycle's lag (score changes not yet applied) sampled each half second. */
  readonly lagSamples: readonly number[];
  readonly scoringLagAtEnd: number;
}

/**
 * A backlog of `count` events put on the engagement topic at once, drained by the running scoring and lifecycle:
 * how fast the pipeline goes when it never waits for input. Each event is new, so each makes one score change.
 */
export async function drainPipeline(kafka: Kafka, admin: Admin, groups: PipelineGroups, workload: ZipfWorkload, count: number): Promise<PipelineDrain> {
  const events = workload.events(count);
  const changesBefore = await topicEnd(admin, SCORE_CHANGES_TOPIC);
  const started = process.hrtime.bigint();
  await produceBacklog(kafka, events);
  let scoredAt: bigint | undefined;
  for (;;) {
    const scoringLag = await groupLag(admin, groups.scoring, SCORING_TOPICS);
    if (scoringLag === 0 && scoredAt === undefined) scoredAt = process.hrtime.bigint();
    const changes = (await topicEnd(admin, SCORE_CHANGES_TOPIC)) - changesBefore;
    if (scoringLag === 0 && changes >= count && (await groupLag(admin, groups.lifecycle, LIFECYCLE_TOPICS)) === 0) break;
    await sleep(100);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    events: count,
    leads: new Set(events.map((event) => event.leadId)).size,
    scoreChanges: (await topicEnd(admin, SCORE_CHANGES_TOPIC)) - changesBefore,
    scoringEventsPerSecond: count / (Number((scoredAt ?? started) - started) / 1e9),
    pipelineEventsPerSecond: count / seconds,
    seconds,
  };
}

/** Events offered at a steady rate for a while: the lag of lifecycle, sampled, shows whether the pipeline keeps up. */
export async function sustainPipeline(kafka: Kafka, admin: Admin, groups: PipelineGroups, workload: ZipfWorkload, eventsPerSecond: number, seconds: number): Promise<PipelineSustained> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const lagSamples: number[] = [];
  const sampling = setInterval(() => {
    void groupLag(admin, groups.lifecycle, LIFECYCLE_TOPICS).then(
      (lag) => lagSamples.push(lag),
      () => undefined,
    );
  }, 500);
  try {
    const perTick = Math.round(eventsPerSecond / 10);
    const started = Date.now();
    for (let tick = 0; tick < seconds * 10; tick++) {
      const events = workload.events(perTick);
      await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: events.map((event) => ({ key: event.leadId, value: JSON.stringify(event) })) });
      const wait = started + (tick + 1) * 100 - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const elapsed = (Date.now() - started) / 1000;
    return { offeredEventsPerSecond: (perTick * seconds * 10) / elapsed, seconds: elapsed, lagSamples, scoringLagAtEnd: await groupLag(admin, groups.scoring, SCORING_TOPICS) };
  } finally {
    clearInterval(sampling);
    await producer.disconnect();
  }
}
