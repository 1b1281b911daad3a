import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, SCORE_CHANGES_TOPIC, type EngagementEventV1, type LeadProfileUpdatedV1, type ScoreChangedV1 } from '@baton/contracts';
import { scoreHistory, type ScoringCause } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { BatonSystem, mulberry32, TopicReader, uniqueId, waitFor, WORKSPACE_ROOT } from '@baton/testing';

const LEADS = 60;
const EVENTS = 6000;
const TYPES = ['page_view', 'page_view', 'page_view', 'email_opened', 'email_clicked', 'content_download', 'webinar_attended', 'demo_requested', 'unsubscribed', 'search'];
const PAGES = ['/pricing', '/blog/lead-scoring', '/careers', '/docs', '/'];
const SEARCHES = ['lead scoring software', 'baton vs hubspot', 'buy lead scoring', 'how to improve conversion'];

describe('the scoring service stopped mid-batch and restarted', () => {
  const system = new BatonSystem();
  const model = parseScoringModel(readFileSync(resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.yaml'), 'utf8'));
  let producer: Producer;
  let changes: TopicReader;
  let redis: Redis;

  beforeAll(async () => {
    const brokers = (process.env['KAFKA_BROKERS'] as string).split(',');
    producer = new Kafka({ clientId: 'scoring-crash-test', brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    redis = new Redis(process.env['REDIS_URL'] as string);
    // The bundled default model is what the built service loads (SCORING_MODEL_FILE unset): the oracle uses the same file.
    await system.start({
      services: ['scoring'],
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookSecret: BatonSystem.newWebhookSecret(),
      consumerGroupPrefix: uniqueId('baton-crash'),
      logPrefix: 'scoring-crash',
    });
    changes = await TopicReader.start(process.env['KAFKA_BROKERS'] as string, SCORE_CHANGES_TOPIC);
  });

  afterAll(async () => {
    await system.stop();
    await Promise.all([changes?.stop(), producer?.disconnect()]);
    redis?.disconnect();
  });

  // SIGKILL: a crash or an OOM kill, nothing finished or committed. SIGTERM: Kubernetes stopping the pod, which must
  // finish or hand back its batches, commit, and exit cleanly within SHUTDOWN_GRACE_MS.
  it.each(['SIGKILL', 'SIGTERM'] as const)('should end with every score equal to the pure model over the same events, each cause emitted under one id, after %s', async (signal) => {
    const run = randomUUID().slice(0, 8);
    const leads = Array.from({ length: LEADS }, (_, index) => `crash-${run}-${index}`);
    const history = new Map<string, ScoringCause[]>(leads.map((leadId) => [leadId, []]));
    const random = mulberry32(42);
    const events: EngagementEventV1[] = Array.from({ length: EVENTS }, () => {
      const leadId = leads[Math.floor(random() * random() * LEADS)] as string; // some leads far busier than others
      const type = TYPES[Math.floor(random() * TYPES.length)] as string;
      const properties = type === 'page_view' ? { url: PAGES[Math.floor(random() * PAGES.length)] } : type === 'search' ? { query: SEARCHES[Math.floor(random() * SEARCHES.length)] } : undefined;
      const occurredAt = new Date(Date.parse('2026-09-01T00:00:00Z') + Math.floor(random() * 80 * 86_400_000)).toISOString();
      return { eventId: randomUUID(), leadId, type, occurredAt, properties };
    });
    // A few events sent twice, as an at-least-once producer would.
    const sent = [...events, ...events.slice(0, 100)];
    const updates: LeadProfileUpdatedV1[] = leads.slice(0, 20).map((leadId, index) => ({
      updateId: randomUUID(),
      leadId,
      updatedAt: '2026-11-01T00:00:00Z',
      traits: { jobTitle: index % 2 === 0 ? 'VP Marketing' : 'Student', company: { industry: 'Software', employees: 50 * index } },
    }));
    for (const event of sent) history.get(event.leadId)?.push({ kind: 'event', event });
    for (const update of updates) history.get(update.leadId)?.push({ kind: 'profile', updateId: update.updateId, traits: update.traits });

    // Sent over a few seconds, as traffic comes: the stop lands while events are still arriving, whatever the speed.
    const sending = (async (): Promise<void> => {
      await producer.send({ topic: LEAD_PROFILES_TOPIC, acks: -1, messages: updates.map((update) => ({ key: update.leadId, value: JSON.stringify(update) })) });
      for (let start = 0; start < sent.length; start += 200) {
        await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: sent.slice(start, start + 200).map((event) => ({ key: event.leadId, value: JSON.stringify(event) })) });
        await new Promise((done) => setTimeout(done, 100));
      }
    })();

    const emittedFor = (): ScoreChangedV1[] => leads.flatMap((leadId) => changes.valuesFor<ScoreChangedV1>(leadId));
    await waitFor('scoring to be a third of the way through', () => (emittedFor().length >= EVENTS / 3 ? true : undefined), 60_000, 20);
    if (signal === 'SIGKILL') await system.kill('scoring');
    else {
      // Nest re-raises the signal once its shutdown hooks are done: a clean stop ends by SIGTERM (or 0), not by the
      // exit code 1 of a shutdown that outlived SHUTDOWN_GRACE_MS.
      const exit = await system.terminate('scoring');
      expect({ clean: exit.code === 0 || exit.signal === 'SIGTERM', code: exit.code }).toEqual({ clean: true, code: exit.code });
      expect(exit.ms).toBeLessThan(20_000);
    }
    const atKill = emittedFor().length;
    await sending;
    await system.restart('scoring');

    // The pure model's score as of the latest time one of the lead's causes entered the log: the latest its changes say.
    const latestAsOf = (leadId: string): string | undefined =>
      changes.valuesFor<ScoreChangedV1>(leadId).reduce<string | undefined>((latest, change) => (latest === undefined || (change.asOf ?? '') > latest ? change.asOf : latest), undefined);
    const expected = (leadId: string): number => scoreHistory(model, history.get(leadId) ?? [], latestAsOf(leadId)).score;
    await waitFor(
      'every lead to reach the score of the pure model',
      async () => {
        const stored = await Promise.all(leads.map((leadId) => redis.hget(`baton:lead:{${leadId}}:scoring:state`, 'score')));
        return stored.every((score, index) => Number(score ?? 0) === expected(leads[index] as string)) ? true : undefined;
      },
      90_000,
      500,
    );

    const causes = new Set([...events.map((event) => `${event.leadId}/${event.eventId}`), ...updates.map((update) => `${update.leadId}/${update.updateId}`)]);
    await waitFor('a change for every cause', () => (new Set(emittedFor().map((change) => change.scoreChangeId)).size >= causes.size ? true : undefined), 30_000);
    const emitted = emittedFor();
    expect(atKill).toBeLessThan(causes.size);
    expect(new Set(emitted.map((change) => change.scoreChangeId)).size).toBe(causes.size);
    expect(new Set(emitted.map((change) => `${change.leadId}/${change.causeEventId}`))).toEqual(causes);
    for (const leadId of leads) {
      const last = changes.valuesFor<ScoreChangedV1>(leadId).at(-1);
      if (last !== undefined) expect(last.modelVersion).toBe(model.version);
    }
  });
});
