import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSegmentRequest } from '../segment-message.parser';
import { SegmentEventNameMap } from '../segment-event-name.map';
import type { SegmentParseOptions, SegmentWork } from '../segment-message.types';

// The examples of Segment's spec pages, unchanged (fixtures/SOURCES.md), and exactly what Baton makes of them.
const options: SegmentParseOptions = { now: new Date('2026-11-24T10:00:00Z'), maxFutureSkewMs: 300_000, maxBatchSize: 500, eventNames: new SegmentEventNameMap() };

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
}

function work(name: string): SegmentWork {
  const parsed = parseSegmentRequest(fixture(name), options);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.violations));
  const [message] = parsed.messages;
  if (message === undefined || !message.ok) throw new Error(JSON.stringify(message));
  return message.work;
}

describe('Segment spec examples', () => {
  it('track: the event name normalised, properties as sent, the anonymous id linked to the user', () => {
    expect(work('track')).toEqual({
      messageId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
      call: 'track',
      occurredAt: '2015-12-12T19:11:01.249Z',
      subject: { kind: 'known', leadId: 'AiUGstSDIg' },
      events: [{ eventId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96', leadId: 'AiUGstSDIg', type: 'course_clicked', occurredAt: '2015-12-12T19:11:01.249Z', properties: { title: 'Intro to Analytics' } }],
      links: [{ anonymousId: '23adfd82-aa0f-45a7-a756-24f2a7a4c895', userId: 'AiUGstSDIg', path: 'anonymousId' }],
      ignoredTraits: [],
    });
  });

  it('identify: name and email become the profile, the rest is named as ignored', () => {
    expect(work('identify')).toEqual({
      messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      call: 'identify',
      occurredAt: '2015-02-23T22:28:55.111Z',
      subject: { kind: 'known', leadId: '97980cfea0067' },
      events: [],
      profileUpdate: {
        updateId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
        leadId: '97980cfea0067',
        updatedAt: '2015-02-23T22:28:55.111Z',
        traits: { name: 'Peter Gibbons', email: 'peter@example.com' },
      },
      links: [{ anonymousId: '507f191e810c19729de860ea', userId: '97980cfea0067', path: 'anonymousId' }],
      ignoredTraits: ['plan', 'logins', 'address'],
    });
  });

  it('page: a page_view with the page fields and its name', () => {
    expect(work('page')).toEqual({
      messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      call: 'page',
      occurredAt: '2015-02-23T22:28:55.111Z',
      subject: { kind: 'known', leadId: '97980cfea0067' },
      events: [
        {
          eventId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
          leadId: '97980cfea0067',
          type: 'page_view',
          occurredAt: '2015-02-23T22:28:55.111Z',
          properties: { title: 'Welcome | Initech', url: 'http://www.example.com', name: 'Home' },
        },
      ],
      links: [{ anonymousId: '507f191e810c19729de860ea', userId: '97980cfea0067', path: 'anonymousId' }],
      ignoredTraits: [],
    });
  });

  it('screen: a screen_view with its properties and name', () => {
    expect(work('screen')).toEqual({
      messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      call: 'screen',
      occurredAt: '2015-02-23T22:28:55.111Z',
      subject: { kind: 'known', leadId: '97980cfea0067' },
      events: [
        {
          eventId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
          leadId: '97980cfea0067',
          type: 'screen_view',
          occurredAt: '2015-02-23T22:28:55.111Z',
          properties: { variation: 'blue signup button', name: 'Home' },
        },
      ],
      links: [{ anonymousId: '3a12eab0-bca7-11e4-8dfc-aa07a5b093db', userId: '97980cfea0067', path: 'anonymousId' }],
      ignoredTraits: [],
    });
  });

  it('group: the group traits become the lead’s company', () => {
    expect(work('group')).toEqual({
      messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      call: 'group',
      occurredAt: '2015-02-23T22:28:55.111Z',
      subject: { kind: 'known', leadId: '97980cfea0067' },
      events: [],
      profileUpdate: {
        updateId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
        leadId: '97980cfea0067',
        updatedAt: '2015-02-23T22:28:55.111Z',
        traits: { company: { name: 'Initech', industry: 'Technology', employees: 329 } },
      },
      links: [{ anonymousId: '507f191e810c19729de860ea', userId: '97980cfea0067', path: 'anonymousId' }],
      ignoredTraits: ['plan', 'total billed'],
    });
  });

  it('alias: previousId and anonymousId both linked to the user, nothing else stored', () => {
    expect(work('alias')).toEqual({
      messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      call: 'alias',
      occurredAt: '2015-02-23T22:28:55.111Z',
      subject: { kind: 'known', leadId: '507f191e81' },
      events: [],
      links: [
        { anonymousId: '39239-239239-239239-23923', userId: '507f191e81', path: 'previousId' },
        { anonymousId: '507f191e810c19729de860ea', userId: '507f191e81', path: 'anonymousId' },
      ],
      ignoredTraits: [],
    });
  });

  it('HTTP API batch: each item refused with its reasons (no messageId; 2015-2-02 is no ISO-8601 date)', () => {
    const parsed = parseSegmentRequest(fixture('http-api-batch'), options);
    const required = { path: 'messageId', message: 'is required' };
    const badDate = { path: 'timestamp', message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' };
    expect(parsed).toEqual({
      ok: true,
      batch: true,
      messages: [
        { index: 0, ok: false, violations: [required] },
        { index: 1, ok: false, violations: [required] },
        { index: 2, ok: false, violations: [required, badDate] },
        { index: 3, ok: false, violations: [required, badDate] },
      ],
    });
  });

  it('HTTP API batch with the messageId and time Segment adds on receipt: every item stored', () => {
    const body = fixture('http-api-batch') as { batch: Record<string, unknown>[] };
    body.batch.forEach((message, index) => Object.assign(message, { messageId: `m-${index}`, timestamp: '2015-02-02T00:30:08.276Z' }));
    const parsed = parseSegmentRequest(body, options);
    if (!parsed.ok) throw new Error('expected a batch');
    expect(parsed.messages.map((message) => (message.ok ? [message.work.events.map((e) => `${e.leadId}/${e.type}`), message.work.profileUpdate?.traits] : message.violations))).toEqual([
      [[], { email: 'jake@yahoo.com', name: 'Jake Peterson' }],
      [['019mr8mf4r/song_played'], undefined],
      [[], { email: 'cindy@example.com', name: 'Cindy Gonzalez' }],
      [['971mj8mk7p/song_played'], undefined],
    ]);
  });
});
