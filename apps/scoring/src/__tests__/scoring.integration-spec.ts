import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { loadConfig, ScoringEnv } from '@baton/config';
import {
  DEAD_LETTER_HEADERS,
  ENGAGEMENT_EVENTS_TOPIC,
  LEAD_PROFILES_TOPIC,
  SCORE_CHANGES_TOPIC,
  SCORING_DEAD_LETTER_TOPIC,
  type EngagementEventV1,
  type LeadProfileUpdatedV1,
  type ScoreChangedV1,
} from '@baton/contracts';
import { ConsumerHost } from '@baton/kafka';
import { BatonMetrics } from '@baton/metrics';
import { RedisConnection } from '@baton/redis';
import { scoreHistory, type LeadScore, type ProfilePatch, type ScoringCause } from '@baton/scoring-domain';
import { TopicReader, uniqueId, waitFor, WORKSPACE_ROOT } from '@baton/testing';
import { rebuildScoringState } from '../rebuild/rebuild-scoring-state';
import { LeadStateStore } from '../score-lead/lead-state.store';
import { parseScoringModel, ScoringModelHolder } from '@baton/scoring-model-file';
import { ScoringModule } from '../scoring.module';

const DEFAULT_MODEL_FILE = resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.yaml');

describe('scoring service against the real Kafka and Redis', () => {
  const modelDir = mkdtempSync(join(tmpdir(), 'baton-model-'));
  const modelFile = join(modelDir, 'model.yaml');
  copyFileSync(DEFAULT_MODEL_FILE, modelFile);
  const model = parseScoringModel(readFileSync(DEFAULT_MODEL_FILE, 'utf8'));
  const config = loadConfig(ScoringEnv, { ...process.env, KAFKA_CONSUMER_GROUP: uniqueId('scoring-test'), SCORING_MODEL_FILE: modelFile, SCORING_MODEL_RELOAD_INTERVAL_MS: '200' }, 'scoring');
  let app: INestApplication;
  let producer: Producer;
  let admin: Admin;
  let changes: TopicReader;
  let deadLetters: TopicReader;
  /** Everything sent, per lead, for the oracle. */
  const history = new Map<string, ScoringCause[]>();

  const brokers = (): string => process.env['KAFKA_BROKERS'] as string;
  const event = (leadId: string, type: string, occurredAt = new Date().toISOString(), properties?: Record<string, unknown>): EngagementEventV1 => ({
    eventId: uniqueId('evt'),
    leadId,
    type,
    occurredAt,
    properties,
  });
  const record = (leadId: string, cause: ScoringCause): void => {
    history.set(leadId, [...(history.get(leadId) ?? []), cause]);
  };
  const send = async (...events: EngagementEventV1[]): Promise<void> => {
    for (const item of events) record(item.leadId, { kind: 'event', event: item });
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: events.map((e) => ({ key: e.leadId, value: JSON.stringify(e) })) });
  };
  const sendProfile = async (leadId: string, traits: ProfilePatch): Promise<LeadProfileUpdatedV1> => {
    const update = { updateId: uniqueId('upd'), leadId, updatedAt: '2026-11-24T10:00:00Z', traits } as LeadProfileUpdatedV1;
    record(leadId, { kind: 'profile', updateId: update.updateId, traits });
    await producer.send({ topic: LEAD_PROFILES_TOPIC, acks: -1, messages: [{ key: leadId, value: JSON.stringify(update) }] });
    return update;
  };
  /** The pure model's score over what was sent, as of the time the service says its latest change is as of. */
  const oracle = (leadId: string): LeadScore => scoreHistory(model, history.get(leadId) ?? [], changes.valuesFor<ScoreChangedV1>(leadId).at(-1)?.asOf);
  const startApp = async (): Promise<void> => {
    app = await NestFactory.create(ScoringModule.forRoot(config), { logger: ['error'] });
    await app.init();
    await app.get(ConsumerHost).consumer.waitUntilMember(30_000);
  };
  const lastChange = async (leadId: string, count: number): Promise<ScoreChangedV1> => (await changes.waitForKey<ScoreChangedV1>(leadId, count)).at(-1) as ScoreChangedV1;

  beforeAll(async () => {
    await startApp();
    const kafka = new Kafka({ clientId: 'scoring-test', brokers: brokers().split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    changes = await TopicReader.start(brokers(), SCORE_CHANGES_TOPIC);
    deadLetters = await TopicReader.start(brokers(), SCORING_DEAD_LETTER_TOPIC);
  });

  afterAll(async () => {
    await Promise.all([changes?.stop(), deadLetters?.stop(), producer?.disconnect(), admin?.disconnect()]);
    await app?.close();
  });

  it('should score events and profile updates to what the pure model computes, with the breakdown', async () => {
    const leadId = uniqueId('lead');
    const sentFrom = Date.now();
    await send(
      event(leadId, 'page_view', '2026-11-20T10:00:00Z', { url: 'https://baton.example/pricing' }),
      event(leadId, 'search', '2026-11-21T10:00:00Z', { query: 'Baton vs HubSpot reviews' }),
      event(leadId, 'content_download', '2026-11-22T10:00:00Z'),
      event(leadId, 'unsubscribed', '2026-11-23T10:00:00Z'),
      event(leadId, 'no_such_type', '2026-11-24T10:00:00Z'),
    );
    await lastChange(leadId, 5);
    await sendProfile(leadId, { jobTitle: 'VP of Marketing', company: { industry: 'Software', employees: 400, country: 'US' }, technologies: ['Salesforce'] });
    const change = await lastChange(leadId, 6);
    // As of the time the profile update entered the log, not of any event's time: the events' points have decayed.
    expect(Date.parse(change.asOf ?? '')).toBeGreaterThanOrEqual(sentFrom - 1000);
    expect(Date.parse(change.asOf ?? '')).toBeLessThanOrEqual(Date.now());
    const expected = oracle(leadId);
    expect(expected.fit).toBeGreaterThan(0);
    expect(change).toMatchObject({
      leadId,
      causeEventType: 'profile_updated',
      score: expected.score,
      engagement: expected.engagement,
      fit: expected.fit,
      grade: expected.grade,
      engagementRules: expected.engagementRules,
      fitRules: expected.fitRules,
      modelVersion: model.version,
    });
    const [pricing] = changes.valuesFor<ScoreChangedV1>(leadId);
    expect(pricing?.firedRules).toEqual([{ ruleId: 'pricing_page_view', points: 15 }]);
    expect(await app.get(LeadStateStore).currentScore(leadId)).toBe(expected.score);
  });

  it('should count an event sent again or redelivered once, and emit its change once', async () => {
    const leadId = uniqueId('lead');
    const demo = event(leadId, 'demo_requested');
    await send(demo, demo);
    await send(demo);
    const marker = event(leadId, 'page_view');
    await send(marker);
    const emitted = await changes.waitForKey<ScoreChangedV1>(leadId, 2);
    expect(emitted.map((change) => [change.causeEventId, change.score])).toEqual([
      [demo.eventId, 40],
      [marker.eventId, 45],
    ]);
    expect(await app.get(LeadStateStore).currentScore(leadId)).toBe(45);
  });

  it('should score late events as if they had come in order, within caps and decay', async () => {
    const leadId = uniqueId('lead');
    const days = [40, 3, 25, 3, 3, 60, 3, 3, 3, 3, 10];
    // Over the last 70 days, so that decay leaves points to compare.
    const start = Date.now() - 70 * 86_400_000;
    const events = days.map((day, index) => event(leadId, index % 2 === 0 ? 'content_download' : 'page_view', new Date(start + day * 86_400_000 + (index % 10) * 3_600_000).toISOString()));
    await send(...events);
    const change = await lastChange(leadId, events.length);
    const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).map((item): ScoringCause => ({ kind: 'event', event: item }));
    expect(change.score).toBe(scoreHistory(model, sorted, change.asOf).score);
    expect(change.score).toBe(oracle(leadId).score);
  });

  it('should dead-letter poison messages with their reason and go on with the partition', async () => {
    const leadId = uniqueId('lead');
    const metrics = app.get(BatonMetrics);
    const deadLettersFrom = async (topic: string): Promise<number> =>
      (await metrics.deadLetters.get()).values.find((value) => value.labels['topic'] === topic && value.labels['service'] === 'scoring')?.value ?? 0;
    const [eventsBefore, profilesBefore] = [await deadLettersFrom(ENGAGEMENT_EVENTS_TOPIC), await deadLettersFrom(LEAD_PROFILES_TOPIC)];
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: [{ key: leadId, value: '{"not":"an event"' }] });
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: [{ key: leadId, value: JSON.stringify({ ...event(leadId, 'page_view'), occurredAt: 'yesterday' }) }] });
    await producer.send({
      topic: LEAD_PROFILES_TOPIC,
      acks: -1,
      messages: [{ key: leadId, value: JSON.stringify({ updateId: 'u-1', leadId, updatedAt: '2026-11-24T10:00:00Z', traits: { company: { employees: 'many' } } }) }],
    });
    const after = event(leadId, 'content_download');
    await send(after);
    const dead = await waitFor('three dead letters', () => {
      const found = deadLetters.messages.filter((message) => message.key === leadId);
      return found.length >= 3 ? found : undefined;
    });
    const reasons = dead.map((message) => message.headers[DEAD_LETTER_HEADERS.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SCORING.INVALID_EVENT: .*not valid JSON/), expect.stringMatching(/occurredAt/), expect.stringMatching(/traits\.company\.employees: /)]),
    );
    expect(dead.map((message) => message.headers[DEAD_LETTER_HEADERS.sourceTopic]).sort()).toEqual([ENGAGEMENT_EVENTS_TOPIC, ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC]);
    expect(await lastChange(leadId, 1)).toMatchObject({ causeEventId: after.eventId, score: 15 });
    // At least: this spec's consumer group may still be dead-lettering what earlier runs left on the topics.
    expect(await deadLettersFrom(ENGAGEMENT_EVENTS_TOPIC)).toBeGreaterThanOrEqual(eventsBefore + 2);
    expect(await deadLettersFrom(LEAD_PROFILES_TOPIC)).toBeGreaterThanOrEqual(profilesBefore + 1);
  });

  it('should apply a new model version from the next event on, and keep the running one when a file is invalid', async () => {
    const holder = app.get(ScoringModelHolder);
    const original = readFileSync(modelFile, 'utf8');
    writeFileSync(modelFile, original.replace(/^version: .*$/m, 'version: broken-1').replace(/^engagement:/m, 'engagement:\n  nonsense: true'));
    await new Promise((done) => setTimeout(done, 1000));
    expect(holder.current.version).toBe(model.version);

    writeFileSync(modelFile, original.replace(/^version: .*$/m, 'version: test-reloaded-2'));
    await waitFor('the new model version', () => (holder.current.version === 'test-reloaded-2' ? true : undefined), 10_000);
    const leadId = uniqueId('lead');
    await send(event(leadId, 'demo_requested'));
    expect(await lastChange(leadId, 1)).toMatchObject({ modelVersion: 'test-reloaded-2', score: 40 });
    writeFileSync(modelFile, original);
    await waitFor('the original model again', () => (holder.current.version === model.version ? true : undefined), 10_000);
  });

  it('should rebuild every score from the Kafka log into empty keys', async () => {
    const leads = Array.from({ length: 5 }, () => uniqueId('lead'));
    for (const [index, leadId] of leads.entries()) {
      await send(event(leadId, 'webinar_attended', '2026-10-01T10:00:00Z'), event(leadId, 'page_view', '2026-11-01T10:00:00Z', { url: '/pricing' }));
      if (index % 2 === 0) await sendProfile(leadId, { jobTitle: 'Head of Sales', company: { employees: 200 } });
    }
    const store = app.get(LeadStateStore);
    const before = await waitFor('every lead scored', async () => {
      const scores = await Promise.all(leads.map((leadId) => store.currentScore(leadId)));
      return scores.every((score, index) => score === oracle(leads[index] as string).score) ? scores : undefined;
    });
    const redis = app.get(RedisConnection).client;
    await app.close();

    const rebuildClient = redis.duplicate();
    try {
      const report = await rebuildScoringState(config, admin, rebuildClient);
      expect(report.deletedKeys).toBeGreaterThan(0);
      expect(report.warnings).toEqual([]);
      expect(await rebuildClient.exists(...leads.map((leadId) => `baton:lead:{${leadId}}:scoring:state`))).toBe(0);
    } finally {
      rebuildClient.disconnect();
    }
    await startApp();
    const rebuiltStore = app.get(LeadStateStore);
    await waitFor(
      'the replay to restore every score',
      async () => {
        const scores = await Promise.all(leads.map((leadId) => rebuiltStore.currentScore(leadId)));
        return scores.every((score, index) => score === before[index]) ? true : undefined;
      },
      60_000,
    );
  });

  it('should refuse to rebuild while the service is running', async () => {
    const redis = app.get(RedisConnection).client;
    await expect(rebuildScoringState(config, admin, redis)).rejects.toThrow(/running member/);
  });
});
