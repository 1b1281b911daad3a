import { applyEvent, classifyIntent, EMPTY_LEAD_STATE, engagementScore, mergeProfile, rulesFiredBy, scoreHistory, scoreLead, type ScorableEvent, type ScoringCause } from '../../index';
import { activityField, dayOf } from '../engagement/activity';
import { testModel } from './test-model.fixture';

const model = testModel();
let next = 0;
const event = (type: string, occurredAt = '2026-11-02T10:00:00Z', properties?: Record<string, unknown>): ScorableEvent => ({ eventId: `e${next++}`, type, occurredAt, properties });
const events = (...list: ScorableEvent[]): ScoringCause[] => list.map((item) => ({ kind: 'event', event: item }));

describe('rulesFiredBy', () => {
  it('should fire the first matching rule only, so a pricing view is not also a plain page view', () => {
    expect(rulesFiredBy(model, event('page_view', undefined, { url: 'https://x.io/pricing' }))).toEqual(['pricing_page_view']);
    expect(rulesFiredBy(model, event('page_view', undefined, { url: 'https://x.io/blog' }))).toEqual(['page_view']);
    expect(rulesFiredBy(model, event('page_view', undefined, { url: 'https://x.io/careers/eng' }))).toEqual(['careers_page_view']);
    expect(rulesFiredBy(model, event('contact_sales'))).toEqual(['demo_requested']);
    expect(rulesFiredBy(model, event('no_such_type'))).toEqual([]);
  });

  it('should add the intent class of a search query or of a search engine referrer', () => {
    expect(rulesFiredBy(model, event('search', undefined, { query: 'Baton vs HubSpot' }))).toEqual(['intent_evaluation']);
    expect(rulesFiredBy(model, event('page_view', undefined, { url: '/blog', referrer: 'https://www.google.com/search?q=buy+lead+scoring+tool' }))).toEqual(['page_view', 'intent_transactional']);
    expect(rulesFiredBy(model, event('search', undefined, { query: 'weather' }))).toEqual([]);
  });
});

describe('classifyIntent', () => {
  const intent = model.engagement.intent;
  it.each([
    ['how to improve lead quality', 'awareness'],
    ['lead scoring software', 'consideration'],
    ['baton pros and cons', 'evaluation'],
    ['BATON PRICING', 'transactional'],
    ['buy a lead scoring tool', 'transactional'],
  ])('should classify "%s" as %s', (terms, expected) => {
    expect(classifyIntent(terms, intent)).toBe(expected);
  });

  it('should match whole words and phrases only', () => {
    expect(classifyIntent('toolbox', intent)).toBeUndefined();
    expect(classifyIntent('pros or cons', intent)).toBeUndefined();
  });
});

describe('engagement', () => {
  it('should cap points per period and count the rest as nothing', () => {
    const views = Array.from({ length: 6 }, () => event('page_view', '2026-11-02T10:00:00Z', { url: '/blog' }));
    expect(scoreHistory(model, events(...views)).engagement).toBe(20);
    const next = Array.from({ length: 6 }, () => event('page_view', '2026-11-03T10:00:00Z', { url: '/blog' }));
    expect(scoreHistory(model, events(...views, ...next)).engagement).toBe(Math.round(20 * 0.5 ** (1 / 30) + 20));
  });

  it('should report what a capped event added: its points until the cap, then 0', () => {
    let state = EMPTY_LEAD_STATE;
    const added: number[] = [];
    for (let i = 0; i < 4; i++) {
      const applied = applyEvent(model, state, event('page_view', '2026-11-02T10:00:00Z', { url: '/pricing' }));
      added.push(applied.firedRules[0]?.points ?? NaN);
      state = applied.state;
    }
    expect(added).toEqual([15, 15, 10, 0]);
  });

  it('should halve engagement after a half-life without activity', () => {
    const activity = new Map([[activityField('content_download', dayOf('2026-01-01T00:00:00Z')), 4]]);
    expect(engagementScore(model, activity, dayOf('2026-01-01T00:00:00Z')).engagement).toBe(60);
    expect(engagementScore(model, activity, dayOf('2026-01-31T00:00:00Z')).engagement).toBe(30);
  });

  it('should drop linearly per idle period, and count only the window with window decay', () => {
    const linear = testModel({ mode: 'linear', points: 10, periodDays: 30 });
    const window = testModel({ mode: 'window', days: 90 });
    const old = event('demo_requested', '2026-01-01T00:00:00Z');
    const recent = event('content_download', '2026-06-01T00:00:00Z');
    // 151 idle days are 5 whole periods: 40 - 5 * 10 stops at 0, then the download adds 15.
    expect(scoreHistory(linear, events(old, recent)).engagement).toBe(15);
    expect(scoreHistory(window, events(old, recent)).engagement).toBe(15);
    expect(scoreHistory(window, events(old)).engagement).toBe(40);
  });

  it('should never go below zero, so that a bounce leaves no debt', () => {
    expect(scoreHistory(model, events(event('unsubscribed', '2026-11-01T00:00:00Z'), event('content_download', '2026-11-02T00:00:00Z'))).engagement).toBe(15);
  });
});

describe('fit', () => {
  it('should add the points of every rule the profile satisfies and grade the sum', () => {
    const profile = mergeProfile({}, { jobTitle: 'VP Marketing', company: { industry: 'Software', employees: 400 }, technologies: ['HubSpot'], bant: { budget: true } });
    const score = scoreLead(model, { ...EMPTY_LEAD_STATE, profile });
    expect(score).toMatchObject({ fit: 75, grade: 'A', score: 75 });
    expect(score.fitRules.map((rule) => rule.ruleId)).toEqual(['decision_maker', 'target_industry', 'mid_market', 'uses_crm', 'has_budget']);
  });

  it('should floor fit at zero and grade D below C', () => {
    const profile = mergeProfile({}, { seniority: 'student', company: { employees: 10 } });
    expect(scoreLead(model, { ...EMPTY_LEAD_STATE, profile })).toMatchObject({ fit: 0, grade: 'D' });
  });
});

describe('mergeProfile', () => {
  it('should replace present traits, clear null ones, keep absent ones, and merge company field by field', () => {
    const first = mergeProfile({}, { email: 'ada@x.io', jobTitle: 'CTO', company: { name: 'X', employees: 10 }, technologies: ['a', 'b'] });
    const second = mergeProfile(first, { jobTitle: null, company: { employees: 12, country: 'DE' }, technologies: ['c'] });
    expect(second).toEqual({ email: 'ada@x.io', company: { name: 'X', employees: 12, country: 'DE' }, technologies: ['c'] });
    expect(mergeProfile(second, { company: null })).toEqual({ email: 'ada@x.io', technologies: ['c'] });
  });
});

describe('scoring as of a time', () => {
  const model = testModel({ mode: 'half_life', halfLifeDays: 30 });
  const download = (occurredAt: string): ScoringCause[] => [{ kind: 'event', event: { eventId: 'd', type: 'content_download', occurredAt } }];

  it("should let last year's activity count for nothing today, and this week's almost in full", () => {
    const today = '2026-12-06T10:00:00Z';
    const lastYear = scoreHistory(model, download('2025-11-01T10:00:00Z'), today);
    const thisWeek = scoreHistory(model, download('2026-12-03T10:00:00Z'), today);
    expect(lastYear.engagement).toBe(0);
    expect(thisWeek.engagement).toBe(Math.round(scoreHistory(model, download('2026-12-03T10:00:00Z')).engagement * 0.5 ** (3 / 30)));
    // Without a time, as of the event's own day: the old engine's answer, the same for both.
    expect(scoreHistory(model, download('2025-11-01T10:00:00Z')).engagement).toBe(scoreHistory(model, download('2026-12-03T10:00:00Z')).engagement);
  });
});
