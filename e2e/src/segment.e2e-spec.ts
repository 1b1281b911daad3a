import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, type EngagementEventV1, type LeadProfileUpdatedV1 } from '@baton/contracts';
import { scoreHistory, type ScoringCause } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { BatonSystem, TopicReader, uniqueId, waitFor, WORKSPACE_ROOT } from '@baton/testing';

type SegmentMessage = Record<string, unknown> & { type: string; messageId: string; timestamp: string };

interface LeadView {
  readonly stage: string;
  readonly scores: { readonly score: number; readonly engagement: number; readonly fit: number };
  readonly profile: Record<string, unknown>;
}

/**
 * Segment's own spec examples (apps/ingest/src/segment/__tests__/fixtures, one per call type) replayed at
 * POST /v1/segment, as a Segment or RudderStack webhook destination sends them, through the real ingest, scoring
 * and lifecycle: the lead's score equals the pure model's over what ingest stored, its profile holds the traits,
 * and what the visitor did before it was identified counts for its lead.
 */
describe('Segment payloads from the spec, end to end', () => {
  const system = new BatonSystem();
  const model = parseScoringModel(readFileSync(resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.yaml'), 'utf8'));
  const fixture = (name: string): SegmentMessage => JSON.parse(readFileSync(resolve(WORKSPACE_ROOT, `apps/ingest/src/segment/__tests__/fixtures/${name}.json`), 'utf8')) as SegmentMessage;
  let events: TopicReader;
  let profiles: TopicReader;

  beforeAll(async () => {
    await system.start({
      services: ['ingest', 'scoring', 'lifecycle'],
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookSecret: BatonSystem.newWebhookSecret(),
      consumerGroupPrefix: uniqueId('baton-segment'),
      logPrefix: 'segment',
    });
    const brokers = process.env['KAFKA_BROKERS'] as string;
    [events, profiles] = await Promise.all([TopicReader.start(brokers, ENGAGEMENT_EVENTS_TOPIC), TopicReader.start(brokers, LEAD_PROFILES_TOPIC)]);
  });

  afterAll(async () => {
    await Promise.all([events?.stop(), profiles?.stop()]);
    await system.stop();
  });

  const segment = async (
    body: unknown,
    headers: Record<string, string> = system.authorized(),
  ): Promise<{ status: number; body: { results?: { index: number; status: string; leadId?: string }[] } }> => {
    const response = await fetch(`${system.ingestUrl}/v1/segment`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { results?: { index: number; status: string; leadId?: string }[] } };
  };

  it('scores the lead and fills its profile, counting what it did while anonymous', async () => {
    const run = uniqueId('seg');
    const userId = `97980cfea0067-${run}`;
    const anonymousId = `507f191e810c19729de860ea-${run}`;
    const now = Date.now();
    let sequence = 0;
    // The spec's examples share one messageId and date from 2015; a real source sends a fresh id and the time of
    // the call. Nothing else of the payloads is changed but the ids, made unique to this run.
    const asSent = (message: SegmentMessage, ids: { userId?: string; anonymousId?: string }): SegmentMessage => {
      sequence += 1;
      const rest: Record<string, unknown> = { ...message };
      delete rest['userId'];
      delete rest['anonymousId'];
      // An alias's previousId is linked for good: unique per run too, or the run after would be refused.
      if (typeof rest['previousId'] === 'string') rest['previousId'] = `${rest['previousId']}-${run}`;
      return { ...(rest as SegmentMessage), ...ids, messageId: `${message.messageId}-${run}-${sequence}`, timestamp: new Date(now - 60_000 + sequence * 1000).toISOString() };
    };

    // 1. Before anyone knows who it is: the page example (and a pricing visit) from the anonymous visitor.
    const pricing = asSent({ ...fixture('page'), properties: { title: 'Pricing | Initech', url: 'http://www.example.com/pricing' } }, { anonymousId });
    const home = asSent(fixture('page'), { anonymousId });
    const anonymous = await segment({ batch: [home, pricing] });
    expect(anonymous.status).toBe(202);
    expect(anonymous.body.results?.map((result) => result.leadId)).toEqual([`anon:${anonymousId}`, `anon:${anonymousId}`]);

    // 2. identify, sent with the Segment-style write key (Basic, key as user name): links the visitor to the user.
    const basic = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${system.apiKey}:`).toString('base64')}` };
    const identified = await segment(asSent(fixture('identify'), { userId, anonymousId }), basic);
    expect(identified.status).toBe(202);

    // 3. The rest of the spec, one batch: track, page, screen, group and alias.
    const rest = [
      asSent(fixture('track'), { userId, anonymousId }),
      asSent(fixture('page'), { userId, anonymousId }),
      asSent(fixture('screen'), { userId }),
      asSent(fixture('group'), { userId, anonymousId }),
      asSent(fixture('alias'), { userId }),
    ];
    const batch = await segment({ batch: rest });
    expect(batch.status).toBe(202);
    expect(batch.body.results?.every((result) => result.status === 'stored')).toBe(true);

    // What ingest stored for the user: the two anonymous page views moved over with their own ids, then the rest.
    const stored = await waitFor('the user events on the topic', () => {
      const found = events.valuesFor<EngagementEventV1>(userId);
      return found.length >= 5 ? found : undefined;
    });
    expect(stored.map((event) => event.eventId).sort()).toEqual([home.messageId, pricing.messageId, rest[0]?.messageId, rest[1]?.messageId, rest[2]?.messageId].sort());
    expect(stored.find((event) => event.eventId === pricing.messageId)).toMatchObject({ type: 'page_view', properties: { url: 'http://www.example.com/pricing' } });
    expect(stored.find((event) => event.eventId === rest[0]?.messageId)).toMatchObject({ type: 'course_clicked', properties: { title: 'Intro to Analytics' } });
    const updates = await profiles.waitForKey<LeadProfileUpdatedV1>(userId, 2);

    // The lead as lifecycle shows it: the pure model's score over exactly those causes, and the traits.
    const causes: ScoringCause[] = [
      ...stored.map((event): ScoringCause => ({ kind: 'event', event })),
      ...updates.map((update): ScoringCause => ({ kind: 'profile', updateId: update.updateId, traits: update.traits })),
    ];
    const expected = scoreHistory(model, causes);
    expect(expected.engagement).toBeGreaterThanOrEqual(25); // home + pricing + page: the anonymous visits count
    const view = await waitFor(
      'the lead to carry the expected score',
      async () => {
        const response = await fetch(`${system.urlOf('lifecycle')}/v1/leads/${userId}`, { headers: system.authorized() });
        const lead = response.ok ? ((await response.json()) as LeadView) : undefined;
        return lead !== undefined && lead.scores.score === expected.score && lead.scores.fit === expected.fit && lead.profile['company'] !== undefined ? lead : undefined;
      },
      60_000,
      250,
    );
    expect(view.scores).toMatchObject({ engagement: expected.engagement, fit: expected.fit, score: expected.score });
    expect(view.profile).toMatchObject({ name: 'Peter Gibbons', email: 'peter@example.com', company: { name: 'Initech', industry: 'Technology', employees: 329 } });
    // The anonymous lead was scored but stays a visitor: nobody to call until it is identified.
    const anonymousLead = await fetch(`${system.urlOf('lifecycle')}/v1/leads/${encodeURIComponent(`anon:${anonymousId}`)}`, { headers: system.authorized() });
    expect(((await anonymousLead.json()) as LeadView).stage).toBe('visitor');
  });

  it('refuses a request without a key or without events:write, and names what is wrong with each message', async () => {
    expect((await segment(fixture('track'), { 'content-type': 'application/json' })).status).toBe(401);
    const readOnly = await system.createApiKey(['leads:read']);
    expect((await segment(fixture('track'), system.authorized(readOnly.key))).status).toBe(403);
    const response = await fetch(`${system.ingestUrl}/v1/segment`, {
      method: 'POST',
      headers: system.authorized(),
      body: JSON.stringify({
        batch: [
          { type: 'track', event: 'Signed Up' },
          { type: 'teleport', messageId: 'm-1', userId: 'u-1' },
        ],
      }),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('REQUEST.INVALID');
    expect(problem.errors.map((error) => error.path)).toEqual(expect.arrayContaining(['batch[0].messageId', 'batch[1].type']));
  });
});
