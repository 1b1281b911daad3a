import fc from 'fast-check';
import {
  EMPTY_LEAD_STATE,
  LeadScorer,
  applyEvent,
  scoreLead,
  engagementOn,
  engagementScore,
  engagementTrail,
  periodOf,
  pricedRules,
  scoreHistory,
  trailOfDates,
  datedTrail,
  type ScorableEvent,
  type ScoringCause,
} from '../../index';
import { activityEntries, dayOf } from '../engagement/activity';
import type { DecayPolicy } from '../model/scoring-model';
import { testModel } from './test-model.fixture';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

const decayArb: fc.Arbitrary<DecayPolicy> = fc.oneof(
  fc.constant<DecayPolicy>({ mode: 'none' }),
  fc.integer({ min: 1, max: 90 }).map((halfLifeDays): DecayPolicy => ({ mode: 'half_life', halfLifeDays })),
  fc.record({ points: fc.integer({ min: 1, max: 20 }), periodDays: fc.integer({ min: 1, max: 30 }) }).map((linear): DecayPolicy => ({ mode: 'linear', ...linear })),
  fc.integer({ min: 1, max: 120 }).map((days): DecayPolicy => ({ mode: 'window', days })),
);

const eventArb: fc.Arbitrary<ScorableEvent> = fc.record({
  eventId: fc.string({ minLength: 1, maxLength: 4 }),
  type: fc.constantFrom('page_view', 'email_opened', 'content_download', 'demo_requested', 'unsubscribed', 'search', 'unknown_type'),
  occurredAt: fc.integer({ min: 0, max: 200 * DAY_MS }).map((offset) => new Date(START + offset).toISOString()),
  properties: fc.record({ url: fc.constantFrom('/pricing', '/blog', '/careers'), query: fc.constantFrom('buy now', 'x vs y', 'how to improve', 'nothing') }),
});

const asEvents = (events: readonly ScorableEvent[]): ScoringCause[] => events.map((event) => ({ kind: 'event', event }));

describe('scoring engine invariants', () => {
  it('should score an event applied twice as once', () => {
    fc.assert(
      // Unique ids: a redelivery repeats the same event; two different events sharing an id are not one redelivered.
      fc.property(decayArb, fc.uniqueArray(eventArb, { selector: (event) => event.eventId, maxLength: 30 }), fc.array(fc.nat()), (decay, events, picks) => {
        const model = testModel(decay);
        const redelivered = [...events];
        for (const pick of picks) if (events.length > 0) redelivered.splice(pick % (redelivered.length + 1), 0, events[pick % events.length] as ScorableEvent);
        expect(scoreHistory(model, asEvents(redelivered))).toEqual(scoreHistory(model, asEvents(events)));
      }),
    );
  });

  it('should give a permuted sequence of events the score of the sequence sorted by event time', () => {
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(eventArb, { selector: (event) => event.eventId, maxLength: 30 }), fc.integer(), (decay, events, seed) => {
        const model = testModel(decay);
        const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { seed, numRuns: 1 })[0] ?? [];
        expect(scoreHistory(model, asEvents(shuffled))).toEqual(scoreHistory(model, asEvents(sorted)));
      }),
    );
  });

  it('should never score older activity more than the same activity newer, as of the same time', () => {
    // Shifts by whole weeks keep day and week caps as they were; month caps (email_opened here) would move.
    const weekly = eventArb.filter((event) => event.type !== 'email_opened');
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(weekly, { selector: (event) => event.eventId, maxLength: 30 }), fc.integer({ min: 1, max: 60 }), fc.nat(400), (decay, events, weeks, idle) => {
        const model = testModel(decay);
        const older = events.map((event) => ({ ...event, occurredAt: new Date(Date.parse(event.occurredAt) - weeks * 7 * DAY_MS).toISOString() }));
        const asOf = new Date(START + (200 + idle) * DAY_MS).toISOString();
        expect(scoreHistory(model, asEvents(older), asOf).engagement).toBeLessThanOrEqual(scoreHistory(model, asEvents(events), asOf).engagement);
      }),
    );
  });

  it('should score as of the latest event when asked as of an earlier time', () => {
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(eventArb, { selector: (event) => event.eventId, maxLength: 30 }), (decay, events) => {
        const model = testModel(decay);
        expect({ ...scoreHistory(model, asEvents(events), '2025-01-01T00:00:00Z'), asOf: undefined }).toEqual(scoreHistory(model, asEvents(events)));
      }),
    );
  });

  it('should project engagement to any later day from the trail as the activity itself scores it', () => {
    // Events over two years, so that a window drops days and a decay carries the engagement of many.
    const spread = eventArb.chain((event) => fc.nat(800).map((days) => ({ ...event, occurredAt: new Date(Date.parse(event.occurredAt) + days * DAY_MS).toISOString() })));
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(spread, { selector: (event) => event.eventId, maxLength: 40 }), fc.nat(1000), fc.nat(1000), (decay, events, asOf, later) => {
        const model = testModel(decay);
        let state = EMPTY_LEAD_STATE;
        for (const event of events) state = applyEvent(model, state, event).state;
        const day = Math.max(state.latestEventDay ?? 0, dayOf('2026-01-01T00:00:00Z') + asOf);
        // Through its dated form, as messages carry it.
        const trail = trailOfDates(datedTrail(engagementTrail(model, state.activity, day)));
        expect(engagementOn(decay, trail, day + later)).toBe(engagementScore(model, state.activity, day + later).engagement);
      }),
    );
  });

  it('should score a lead as of the latest time one of its causes entered the log, whatever their order', () => {
    fc.assert(
      fc.property(
        decayArb,
        fc.uniqueArray(eventArb, { selector: (event) => event.eventId, minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(300), { minLength: 30, maxLength: 30 }),
        (decay, events, lags) => {
          const model = testModel(decay);
          const logged = events.map((event, index): ScoringCause => ({ kind: 'event', event, loggedAt: new Date(Date.parse(event.occurredAt) + (lags[index] ?? 0) * DAY_MS).toISOString() }));
          const latest = logged.map((cause) => cause.loggedAt as string).reduce((a, b) => (a > b ? a : b));
          expect(scoreHistory(model, [...logged].reverse())).toEqual(scoreHistory(model, logged));
          expect(scoreHistory(model, logged)).toEqual(scoreHistory(model, asEvents(events), latest));
        },
      ),
    );
  });

  it('should never let decay increase engagement while the lead is idle', () => {
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(eventArb, { selector: (event) => event.eventId, maxLength: 30 }), fc.nat(400), fc.nat(400), (decay, events, later, evenLater) => {
        const model = testModel(decay);
        let state = EMPTY_LEAD_STATE;
        for (const event of events) state = applyEvent(model, state, event).state;
        const last = state.latestEventDay ?? dayOf('2026-01-01T00:00:00Z');
        const at = (day: number): number => engagementScore(model, state.activity, day).engagement;
        expect(at(last + later)).toBeLessThanOrEqual(at(last));
        expect(at(last + later + evenLater)).toBeLessThanOrEqual(at(last + later));
      }),
    );
  });

  it('should hold every cap in every period for any sequence', () => {
    fc.assert(
      fc.property(fc.uniqueArray(eventArb, { selector: (event) => event.eventId, maxLength: 60 }), (events) => {
        const model = testModel({ mode: 'none' });
        let state = EMPTY_LEAD_STATE;
        const earned = new Map<string, { points: number; occurrences: number }>();
        for (const event of events) {
          const applied = applyEvent(model, state, event);
          state = applied.state;
          for (const { ruleId, points } of applied.firedRules) {
            const cap = pricedRules(model).get(ruleId)?.cap;
            if (cap === undefined) continue;
            const key = `${ruleId}@${periodOf(dayOf(event.occurredAt), cap.per)}`;
            const sum = earned.get(key) ?? { points: 0, occurrences: 0 };
            earned.set(key, { points: sum.points + Math.abs(points), occurrences: sum.occurrences + (points === 0 ? 0 : 1) });
            expect(sum.points + Math.abs(points)).toBeLessThanOrEqual(cap.maxPoints ?? Number.POSITIVE_INFINITY);
            expect(sum.occurrences + (points === 0 ? 0 : 1)).toBeLessThanOrEqual(cap.maxOccurrences ?? Number.POSITIVE_INFINITY);
          }
        }
        // The stored counts keep every event, capped or not: a later model with other caps can re-price them.
        const counted = activityEntries(state.activity).reduce((sum, entry) => sum + entry.count, 0);
        expect(counted).toBeGreaterThanOrEqual(events.filter((event) => event.type !== 'unknown_type' && event.type !== 'search').length);
      }),
    );
  });

  it('should score a lead kept in place after every event as its activity priced from scratch scores it', () => {
    // Events within three weeks and over two years, in any order: late events re-price their cap period.
    const dense = eventArb.map((event) => ({ ...event, occurredAt: new Date(START + (Date.parse(event.occurredAt) % (21 * DAY_MS))).toISOString() }));
    const spread = eventArb.chain((event) => fc.nat(800).map((days) => ({ ...event, occurredAt: new Date(Date.parse(event.occurredAt) + days * DAY_MS).toISOString() })));
    fc.assert(
      fc.property(decayArb, fc.uniqueArray(fc.oneof(dense, spread), { selector: (event) => event.eventId, maxLength: 40 }), fc.nat(1000), (decay, events, idle) => {
        const model = testModel(decay);
        const scorer = LeadScorer.of(model);
        for (const event of events) {
          const before = scorer.state;
          const { firedRules } = scorer.applyEvent(event);
          const after = scorer.state;
          const priced = (state: typeof before, ruleId: string): number => scoreLead(model, state, '2099-01-01T00:00:00Z').engagementRules.find((rule) => rule.ruleId === ruleId)?.points ?? 0;
          if (decay.mode !== 'window') for (const { ruleId, points } of firedRules) expect(points).toBe(priced(after, ruleId) - priced(before, ruleId));
          const asOf = new Date(((after.latestEventDay ?? 0) + (idle % 30)) * DAY_MS).toISOString();
          expect(scorer.score(asOf)).toEqual(scoreLead(model, after, asOf));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('should keep score = engagement + fit and never be negative', () => {
    fc.assert(
      fc.property(decayArb, fc.array(eventArb, { maxLength: 30 }), (decay, events) => {
        const score = scoreHistory(testModel(decay), asEvents(events));
        expect(score.engagement).toBeGreaterThanOrEqual(0);
        expect(score.score).toBe(score.engagement + score.fit);
      }),
    );
  });
});
