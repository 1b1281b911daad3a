import { parseSegmentMessage, parseSegmentRequest } from '../segment-message.parser';
import { SegmentEventNameMap } from '../segment-event-name.map';
import type { SegmentMessageParseResult, SegmentParseOptions } from '../segment-message.types';

const NOW = new Date('2026-11-24T10:00:00Z');
const options: SegmentParseOptions = { now: NOW, maxFutureSkewMs: 300_000, maxBatchSize: 3, eventNames: new SegmentEventNameMap({ 'Meeting Scheduled': 'meeting_booked' }) };
const base = { messageId: 'm-1', userId: 'ada-1', timestamp: '2026-11-24T09:00:00Z' };

function parse(message: Record<string, unknown>): SegmentMessageParseResult {
  return parseSegmentMessage(message, 0, options);
}
function violations(message: Record<string, unknown>): unknown {
  const result = parse(message);
  return result.ok ? 'valid' : result.violations;
}
function ok(message: Record<string, unknown>) {
  const result = parse(message);
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  return result.work;
}

describe('parseSegmentMessage', () => {
  it.each([
    ['Email Link Clicked', 'email_clicked'],
    ['Email Opened', 'email_opened'],
    ['email opened', 'email_opened'],
    ['Email Marked as Spam', 'marked_spam'],
    ['Live Chat Conversation Started', 'chat_started'],
    ['Signed Up', 'form_submitted'],
    ['Demo Requested', 'demo_requested'],
    ['Trial Started', 'trial_started'],
    ['Meeting Scheduled', 'meeting_booked'],
    ['whitepaperDownloaded', 'whitepaper_downloaded'],
    ['Café Visited!', 'cafe_visited'],
    ['Product Viewed', 'product_viewed'],
  ])('should type track "%s" as %s', (event, type) => {
    expect(ok({ ...base, type: 'track', event }).events[0]?.type).toBe(type);
  });

  it('should refuse an event name that cannot become a Baton type, naming the field', () => {
    expect(violations({ ...base, type: 'track', event: '2FA Enabled' })).toEqual([{ path: 'event', message: expect.stringContaining('"2fa_enabled"') }]);
    expect(violations({ ...base, type: 'track', event: '!!!' })).toEqual([{ path: 'event', message: expect.stringContaining('normalises to nothing') }]);
    expect(violations({ ...base, type: 'track' })).toEqual([{ path: 'event', message: 'is required: the name of the action' }]);
  });

  it('should store an anonymous visitor under anon:<anonymousId>, and treat RudderStack’s "" userId as absent', () => {
    const work = ok({ messageId: 'm-1', anonymousId: 'v-9', userId: '', type: 'track', event: 'Demo Requested', timestamp: base.timestamp });
    expect(work.subject).toEqual({ kind: 'anonymous', anonymousId: 'v-9', leadId: 'anon:v-9' });
    expect(work.events[0]?.leadId).toBe('anon:v-9');
    expect(work.links).toEqual([]);
  });

  it('should refuse a message about nobody, bad ids and a userId in the anonymous namespace', () => {
    expect(violations({ messageId: 'm-1', type: 'track', event: 'x' })).toEqual([{ path: 'userId', message: 'is required, or anonymousId: a message must say who it is about' }]);
    expect(violations({ ...base, messageId: 'has space', type: 'page' })).toEqual([{ path: 'messageId', message: expect.stringContaining('must be 1 to 128') }]);
    expect(violations({ ...base, userId: 'anon:x', type: 'page' })).toEqual([{ path: 'userId', message: expect.stringContaining('must not start with "anon:"') }]);
    expect(violations({ ...base, userId: 7, type: 'page' })).toEqual([{ path: 'userId', message: 'must be a string' }]);
    expect(violations({ ...base, userId: undefined, anonymousId: 'a'.repeat(124), type: 'page' })).toEqual([{ path: 'anonymousId', message: expect.stringContaining('at most 123') }]);
  });

  it('should refuse an unknown call type and a missing one', () => {
    expect(violations({ ...base, type: 'purchase' })).toEqual([{ path: 'type', message: 'is not a Segment call Baton takes: one of track, identify, page, screen, group, alias' }]);
    expect(violations({ ...base })).toEqual([{ path: 'type', message: 'is required: one of track, identify, page, screen, group, alias' }]);
  });

  it('should take timestamp, else originalTimestamp, else the receive time, and refuse bad or future times', () => {
    expect(ok({ ...base, timestamp: undefined, originalTimestamp: '2026-11-24T08:00:00+02:00', type: 'page' }).events[0]?.occurredAt).toBe('2026-11-24T08:00:00+02:00');
    expect(ok({ ...base, timestamp: undefined, type: 'page' }).events[0]?.occurredAt).toBe('2026-11-24T10:00:00.000Z');
    expect(ok({ ...base, timestamp: '2026-11-24T10:04:59Z', type: 'page' }).events[0]?.occurredAt).toBe('2026-11-24T10:04:59Z');
    expect(violations({ ...base, timestamp: '2026-11-24T10:05:01Z', type: 'page' })).toEqual([
      { path: 'timestamp', message: 'must not be later than now (2026-11-24T10:00:00.000Z) by more than 300 s' },
    ]);
    expect(violations({ ...base, timestamp: '2026-02-30T10:00:00Z', type: 'page' })).toEqual([{ path: 'timestamp', message: expect.stringContaining('real date') }]);
    expect(violations({ ...base, timestamp: '2026-11-24T10:00:00', type: 'page' })).toEqual([{ path: 'timestamp', message: expect.stringContaining('with a zone') }]);
    expect(violations({ ...base, timestamp: undefined, originalTimestamp: 12, type: 'page' })).toEqual([{ path: 'originalTimestamp', message: expect.stringContaining('ISO-8601') }]);
    expect(ok({ ...base, timestamp: '2024-02-29T23:59:59.123456-05:00', type: 'page' }).events[0]?.occurredAt).toBe('2024-02-29T23:59:59.123456-05:00');
  });

  it('should make a page view the scoring model reads: context.page fallback, site-search words, referrer kept', () => {
    const work = ok({
      ...base,
      type: 'page',
      category: 'Docs',
      properties: { path: '/search', custom: 1 },
      context: {
        page: {
          url: 'https://baton.example/search?q=buy+crm&utm_campaign=x',
          path: '/ignored',
          referrer: 'https://www.google.com/search?q=baton+pricing',
          search: '?q=buy+crm&utm_campaign=x',
          title: 'Search',
        },
      },
    });
    expect(work.events[0]?.properties).toEqual({
      path: '/search',
      custom: 1,
      url: 'https://baton.example/search?q=buy+crm&utm_campaign=x',
      referrer: 'https://www.google.com/search?q=baton+pricing',
      title: 'Search',
      search: 'buy crm',
      category: 'Docs',
    });
    // Campaign tags are no search: they must not score as intent.
    expect(ok({ ...base, type: 'page', properties: { url: 'https://baton.example/pricing?utm_campaign=pricing', search: '?utm_campaign=pricing' } }).events[0]?.properties).toEqual({
      url: 'https://baton.example/pricing?utm_campaign=pricing',
    });
  });

  it('should merge a batch’s context into each message, the message’s own winning', () => {
    const parsed = parseSegmentRequest(
      {
        batch: [
          { ...base, type: 'page' },
          { ...base, messageId: 'm-2', type: 'page', context: { page: { url: 'https://own.example/' } } },
        ],
        context: { page: { url: 'https://shared.example/pricing' } },
      },
      options,
    );
    if (!parsed.ok) throw new Error('expected a batch');
    expect(parsed.messages.map((message) => (message.ok ? message.work.events[0]?.properties?.['url'] : message.violations))).toEqual(['https://shared.example/pricing', 'https://own.example/']);
  });

  it("should take a bare list of messages as a batch, as Segment's webhook destination sends one when batching", () => {
    const parsed = parseSegmentRequest(
      [
        { ...base, type: 'page' },
        { ...base, messageId: 'm-2', type: 'page' },
      ],
      options,
    );
    expect(parsed).toEqual({ ok: true, batch: true, messages: [expect.objectContaining({ index: 0, ok: true }), expect.objectContaining({ index: 1, ok: true })] });
  });

  it('should refuse what is no Segment request, and a batch too large or empty', () => {
    expect(parseSegmentRequest('track', options)).toEqual({ ok: false, violations: [{ path: '', message: expect.stringContaining('must be a JSON object') }] });
    expect(parseSegmentRequest([], options)).toEqual({ ok: false, violations: [{ path: 'batch', message: 'must hold at least one message' }] });
    expect(parseSegmentRequest({ batch: {} }, options)).toEqual({ ok: false, violations: [{ path: 'batch', message: 'must be a list of Segment messages' }] });
    expect(parseSegmentRequest({ batch: [] }, options)).toEqual({ ok: false, violations: [{ path: 'batch', message: 'must hold at least one message' }] });
    expect(parseSegmentRequest({ batch: [1, 2, 3, 4] }, options)).toEqual({ ok: false, violations: [{ path: 'batch', message: 'must hold at most 3 messages (got 4)' }] });
    const mixed = parseSegmentRequest({ batch: [{ ...base, type: 'page' }, 'nope'] }, options);
    expect(mixed).toEqual({
      ok: true,
      batch: true,
      messages: [expect.objectContaining({ index: 0, ok: true }), { index: 1, ok: false, violations: [{ path: '', message: 'must be a JSON object (a Segment message)' }] }],
    });
  });

  it('should map identify’s reserved traits and Baton’s own, naming the ignored ones', () => {
    const work = ok({
      ...base,
      type: 'identify',
      traits: {
        firstName: 'Ada',
        last_name: 'Lovelace',
        title: 'CTO',
        company: { name: 'Initech', employee_count: '250', industry: 'Software', plan: 'enterprise', id: 7 },
        website: 'https://www.initech.com/about',
        seniority: 'c_level',
        technologies: ['segment'],
        bant: { budget: true },
        age: 36,
      },
    });
    expect(work.profileUpdate?.traits).toEqual({
      name: 'Ada Lovelace',
      jobTitle: 'CTO',
      seniority: 'c_level',
      technologies: ['segment'],
      bant: { budget: true },
      company: { name: 'Initech', industry: 'Software', employees: 250, domain: 'initech.com' },
    });
    expect(work.ignoredTraits).toEqual(['age', 'company.plan', 'company.id']);
    expect(ok({ ...base, type: 'identify', traits: { company: 'Initech', email: null } }).profileUpdate?.traits).toEqual({ email: null, company: { name: 'Initech' } });
  });

  it('should refuse a mapped trait with a bad value by the name the sender used', () => {
    expect(violations({ ...base, type: 'identify', traits: { email: 'not-an-address' } })).toEqual([{ path: 'traits.email', message: 'must be an e-mail address' }]);
    expect(violations({ ...base, type: 'identify', traits: { title: '' } })).toEqual([{ path: 'traits.title', message: expect.stringContaining('must not be empty') }]);
    expect(violations({ ...base, type: 'identify', traits: { company: { employee_count: '51-200' } } })).toEqual([
      { path: 'traits.company.employee_count', message: 'must be a whole number (a number, or a string of digits)' },
    ]);
    expect(violations({ ...base, type: 'identify', traits: { website: 'not a site' } })).toEqual([{ path: 'traits.website', message: expect.stringContaining('website URL or host name') }]);
    expect(violations({ ...base, type: 'identify', traits: { bant: { budget: 'yes' } } })).toEqual([{ path: 'traits.bant.budget', message: expect.stringContaining('must be true') }]);
    expect(violations({ ...base, type: 'identify', traits: [] })).toEqual([{ path: 'traits', message: 'must be a JSON object' }]);
    expect(violations({ ...base, type: 'group', traits: { employees: -3 } })).toEqual([{ path: 'traits.employees', message: 'must not be negative' }]);
  });

  it('should store no profile update for an identify without a trait Baton keeps, and still link', () => {
    const work = ok({ ...base, anonymousId: 'v-1', type: 'identify', traits: { plan: 'pro' } });
    expect(work.profileUpdate).toBeUndefined();
    expect(work.ignoredTraits).toEqual(['plan']);
    expect(work.links).toEqual([{ anonymousId: 'v-1', userId: 'ada-1', path: 'anonymousId' }]);
  });

  it('should take a group’s address country and website as the company’s', () => {
    expect(ok({ ...base, type: 'group', groupId: 'g', traits: { website: 'initech.com', address: { country: 'US', city: 'Austin' }, employees: '329' } }).profileUpdate?.traits).toEqual({
      company: { employees: 329, domain: 'initech.com', country: 'US' },
    });
  });

  it('should require userId and previousId on alias', () => {
    expect(violations({ messageId: 'm-1', type: 'alias', previousId: 'v-1', anonymousId: 'v-1' })).toEqual([{ path: 'userId', message: 'is required' }]);
    expect(violations({ ...base, type: 'alias' })).toEqual([{ path: 'previousId', message: 'is required' }]);
  });

  it('should refuse properties that are no object, and report it with the common fields’ problems', () => {
    expect(violations({ ...base, type: 'track', event: 'x', properties: 'a' })).toEqual([{ path: 'properties', message: 'must be a JSON object' }]);
    expect(violations({ type: 'track', userId: 'u', properties: [1] })).toEqual([
      { path: 'messageId', message: 'is required' },
      { path: 'properties', message: 'must be a JSON object' },
      { path: 'event', message: 'is required: the name of the action' },
    ]);
  });
});
