import { randomUUID } from 'node:crypto';
import { ENGAGEMENT_EVENTS_TOPIC, IDENTITY_LINKS_TOPIC, LEAD_PROFILES_TOPIC } from '@baton/contracts';
import type { OutgoingMessage } from '@baton/kafka';
import { BatonMetrics } from '@baton/metrics';
import { RedisConnection } from '@baton/redis';
import { identityBufferKey, identityLeadKey } from '../../identity/identity-link.keys';
import { IdentityLinkStore } from '../../identity/identity-link.store';
import { EventLogUnavailableError, type EventLogWriter } from '../../kafka/event-log.writer';
import { IngestSegmentUseCase } from '../ingest-segment.usecase';
import { SegmentEventNameMap } from '../segment-event-name.map';
import { parseSegmentRequest } from '../segment-message.parser';
import type { SegmentParseOptions } from '../segment-message.types';

/** Records what would be produced; fails while `down`, as Kafka not acknowledging. */
class FakeEventLog {
  readonly written: { topic: string; key: string; value: Record<string, unknown> }[] = [];
  down = false;

  async write(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    await Promise.resolve();
    if (this.down) throw new EventLogUnavailableError('broker down');
    for (const message of messages) this.written.push({ topic, key: String(message.key), value: JSON.parse(String(message.value)) as Record<string, unknown> });
  }

  on(topic: string): { key: string; value: Record<string, unknown> }[] {
    return this.written.filter((message) => message.topic === topic);
  }
}

describe('IngestSegmentUseCase (real Redis, fake event log)', () => {
  const run = randomUUID().slice(0, 8);
  const options: SegmentParseOptions = { now: new Date('2026-11-24T10:00:00Z'), maxFutureSkewMs: 300_000, maxBatchSize: 500, eventNames: new SegmentEventNameMap() };
  let connection: RedisConnection;
  let store: IdentityLinkStore;
  const anonymousIds: string[] = [];

  const visitor = (name: string): string => {
    const id = `${name}-${run}`;
    anonymousIds.push(id);
    return id;
  };
  const setup = (): { log: FakeEventLog; useCase: IngestSegmentUseCase } => {
    const log = new FakeEventLog();
    return { log, useCase: new IngestSegmentUseCase(log as unknown as EventLogWriter, store, new BatonMetrics('ingest')) };
  };
  const request = (body: unknown) => {
    const parsed = parseSegmentRequest(body, options);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.violations));
    return parsed.messages;
  };

  beforeAll(async () => {
    connection = new RedisConnection({ url: process.env['REDIS_URL'] ?? '', connectionName: `ingest-segment-spec-${run}` });
    await connection.onModuleInit();
    store = new IdentityLinkStore(connection, { bufferMaxEvents: 100, bufferTtlSeconds: 86_400, linkTtlSeconds: 86_400 });
  });

  afterAll(async () => {
    const keys = anonymousIds.flatMap((id) => [identityLeadKey(id), identityBufferKey(id)]);
    if (keys.length > 0) await connection.client.del(...keys);
    await connection.onApplicationShutdown();
  });

  it('should count an anonymous visitor’s earlier events for the lead it is identified as, with the same event ids', async () => {
    const anon = visitor('identified');
    const user = `user-${run}-1`;
    const { log, useCase } = setup();

    const first = await useCase.execute(
      request({
        batch: [
          { type: 'page', messageId: `p-${run}`, anonymousId: anon, timestamp: '2026-11-20T09:00:00Z', properties: { url: 'https://baton.example/pricing' } },
          { type: 'track', messageId: `t-${run}`, anonymousId: anon, timestamp: '2026-11-20T09:01:00Z', event: 'Demo Requested' },
        ],
      }),
    );
    expect(first).toEqual([
      { index: 0, status: 'stored', messageId: `p-${run}`, leadId: `anon:${anon}`, stored: { events: 1, profileUpdate: false } },
      { index: 1, status: 'stored', messageId: `t-${run}`, leadId: `anon:${anon}`, stored: { events: 1, profileUpdate: false } },
    ]);

    const second = await useCase.execute(
      request({ type: 'identify', messageId: `i-${run}`, userId: user, anonymousId: anon, timestamp: '2026-11-21T09:00:00Z', traits: { email: 'ada@example.com', plan: 'pro' } }),
    );
    expect(second).toEqual([{ index: 0, status: 'stored', messageId: `i-${run}`, leadId: user, stored: { events: 0, profileUpdate: true, linkedTo: user }, ignoredTraits: ['plan'] }]);

    expect(log.on(ENGAGEMENT_EVENTS_TOPIC).map(({ key, value }) => [key, value['eventId'], value['leadId'], value['type']])).toEqual([
      [`anon:${anon}`, `p-${run}`, `anon:${anon}`, 'page_view'],
      [`anon:${anon}`, `t-${run}`, `anon:${anon}`, 'demo_requested'],
      [user, `p-${run}`, user, 'page_view'],
      [user, `t-${run}`, user, 'demo_requested'],
    ]);
    expect(log.on(LEAD_PROFILES_TOPIC)).toEqual([
      { topic: LEAD_PROFILES_TOPIC, key: user, value: { updateId: `i-${run}`, leadId: user, updatedAt: '2026-11-21T09:00:00Z', traits: { email: 'ada@example.com' } } },
    ]);
    // The link is a fact of the log, keyed by the anonymous lead: what a rebuild of the identity state reads.
    expect(log.on(IDENTITY_LINKS_TOPIC)).toEqual([
      { topic: IDENTITY_LINKS_TOPIC, key: `anon:${anon}`, value: { linkId: `i-${run}`, anonymousLeadId: `anon:${anon}`, leadId: user, source: 'identify', linkedAt: '2026-11-21T09:00:00Z' } },
    ]);
    expect(await connection.client.llen(identityBufferKey(anon))).toBe(0);

    // From now on the visitor's anonymous events go straight to the lead, unbuffered.
    const later = await useCase.execute(request({ type: 'page', messageId: `p2-${run}`, anonymousId: anon, timestamp: '2026-11-22T09:00:00Z' }));
    expect(later).toEqual([{ index: 0, status: 'stored', messageId: `p2-${run}`, leadId: user, stored: { events: 1, profileUpdate: false } }]);
    expect(await connection.client.llen(identityBufferKey(anon))).toBe(0);
  });

  it('should link before resolving, so a visitor’s events in the same batch as its identify go to the user', async () => {
    const anon = visitor('same-batch');
    const user = `user-${run}-2`;
    const { log, useCase } = setup();

    const results = await useCase.execute(
      request({
        batch: [
          { type: 'page', messageId: `sb-p-${run}`, anonymousId: anon, timestamp: '2026-11-20T09:00:00Z' },
          { type: 'alias', messageId: `sb-a-${run}`, previousId: anon, userId: user, timestamp: '2026-11-20T09:01:00Z' },
        ],
      }),
    );
    expect(results.map((result) => (result.status === 'stored' ? [result.leadId, result.stored] : result.errors))).toEqual([
      [user, { events: 1, profileUpdate: false }],
      [user, { events: 0, profileUpdate: false, linkedTo: user }],
    ]);
    expect(log.on(ENGAGEMENT_EVENTS_TOPIC).map(({ value }) => value['leadId'])).toEqual([user]);
  });

  it('should refuse the item that links an anonymous id already linked to another lead, and store its neighbours', async () => {
    const anon = visitor('conflict');
    const { log, useCase } = setup();
    await useCase.execute(request({ type: 'identify', messageId: `c1-${run}`, userId: `first-${run}`, anonymousId: anon, timestamp: '2026-11-20T09:00:00Z' }));

    const results = await useCase.execute(
      request({
        batch: [
          { type: 'identify', messageId: `c2-${run}`, userId: `second-${run}`, anonymousId: anon, timestamp: '2026-11-20T09:00:00Z', traits: { email: 'x@example.com' } },
          { type: 'track', messageId: `c3-${run}`, userId: `second-${run}`, timestamp: '2026-11-20T09:00:00Z', event: 'Email Opened' },
          { type: 'track', messageId: `c4-${run}`, timestamp: '2026-11-20T09:00:00Z', event: 'Email Opened' },
        ],
      }),
    );
    expect(results).toEqual([
      { index: 0, status: 'rejected', errors: [{ path: 'anonymousId', message: 'is already linked to another lead: an anonymous id belongs to the first lead it was linked to' }] },
      { index: 1, status: 'stored', messageId: `c3-${run}`, leadId: `second-${run}`, stored: { events: 1, profileUpdate: false } },
      { index: 2, status: 'rejected', errors: [{ path: 'userId', message: 'is required, or anonymousId: a message must say who it is about' }] },
    ]);
    expect(log.on(LEAD_PROFILES_TOPIC)).toEqual([]);
  });

  it('should throw when Kafka fails, taking back what it buffered and keeping what a link has yet to re-produce', async () => {
    const buffering = visitor('kafka-down-buffer');
    const linking = visitor('kafka-down-link');
    const user = `user-${run}-3`;
    const { log, useCase } = setup();
    await useCase.execute(request({ type: 'page', messageId: `kd-1-${run}`, anonymousId: linking, timestamp: '2026-11-20T09:00:00Z' }));

    log.down = true;
    const failing = useCase.execute(
      request({
        batch: [
          { type: 'page', messageId: `kd-2-${run}`, anonymousId: buffering, timestamp: '2026-11-20T09:00:00Z' },
          { type: 'identify', messageId: `kd-3-${run}`, userId: user, anonymousId: linking, timestamp: '2026-11-20T09:00:00Z' },
        ],
      }),
    );
    await expect(failing).rejects.toBeInstanceOf(EventLogUnavailableError);
    expect(await connection.client.llen(identityBufferKey(buffering))).toBe(0);
    expect(await connection.client.llen(identityBufferKey(linking))).toBe(1);

    // The client retries: the link is already there, and the buffered event is re-produced now.
    log.down = false;
    await useCase.execute(request({ type: 'identify', messageId: `kd-3-${run}`, userId: user, anonymousId: linking, timestamp: '2026-11-20T09:00:00Z' }));
    expect(log.on(ENGAGEMENT_EVENTS_TOPIC).map(({ value }) => [value['eventId'], value['leadId']])).toEqual([
      [`kd-1-${run}`, `anon:${linking}`],
      [`kd-1-${run}`, user],
    ]);
    expect(await connection.client.llen(identityBufferKey(linking))).toBe(0);
  });
});
