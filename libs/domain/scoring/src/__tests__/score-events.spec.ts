import fc from 'fast-check';
import { addPoints, DEFAULT_POINTS_TABLE, pointsFor, scoreEvents, type ScorableEvent } from '../index';

const knownTypes = Object.keys(DEFAULT_POINTS_TABLE.pointsByType);
const eventArb: fc.Arbitrary<ScorableEvent> = fc.record({
  eventId: fc.string({ minLength: 1, maxLength: 6 }),
  type: fc.oneof(fc.constantFrom(...knownTypes), fc.string({ maxLength: 12 })),
});

describe('pointsFor', () => {
  it('should give the table points for a known type', () => {
    expect(pointsFor('demo_requested', DEFAULT_POINTS_TABLE)).toBe(40);
    expect(pointsFor('unsubscribed', DEFAULT_POINTS_TABLE)).toBe(-20);
  });

  it('should give nothing for an unknown type, including Object prototype names', () => {
    expect(pointsFor('something_else', DEFAULT_POINTS_TABLE)).toBe(0);
    expect(pointsFor('constructor', DEFAULT_POINTS_TABLE)).toBe(0);
    expect(pointsFor('__proto__', DEFAULT_POINTS_TABLE)).toBe(0);
  });
});

describe('addPoints', () => {
  it('should stop at zero when negative points exceed the score', () => {
    expect(addPoints(5, -20)).toEqual({ score: 0, delta: -5 });
  });

  it('should keep score + delta consistent for any input', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: -500, max: 500 }), (score, points) => {
        const update = addPoints(score, points);
        expect(update.score).toBeGreaterThanOrEqual(0);
        expect(update.score).toBe(score + update.delta);
      }),
    );
  });
});

describe('scoreEvents', () => {
  it('should never be negative for any sequence', () => {
    fc.assert(fc.property(fc.array(eventArb), (events) => expect(scoreEvents(events, DEFAULT_POINTS_TABLE)).toBeGreaterThanOrEqual(0)));
  });

  it('should equal the score of the sequence without repeats when events are delivered twice', () => {
    fc.assert(
      fc.property(fc.array(eventArb), fc.array(fc.nat()), (events, picks) => {
        const redelivered = [...events];
        for (const pick of picks) if (events.length > 0) redelivered.splice(pick % (redelivered.length + 1), 0, events[pick % events.length] as ScorableEvent);
        const firstOccurrences = redelivered.filter((event, index) => redelivered.findIndex((other) => other.eventId === event.eventId) === index);
        expect(scoreEvents(redelivered, DEFAULT_POINTS_TABLE)).toBe(scoreEvents(firstOccurrences, DEFAULT_POINTS_TABLE));
      }),
    );
  });

  it('should be the plain sum when no event is negative', () => {
    fc.assert(
      fc.property(fc.uniqueArray(eventArb, { selector: (event) => event.eventId }), (events) => {
        const positive = events.filter((event) => pointsFor(event.type, DEFAULT_POINTS_TABLE) >= 0);
        const sum = positive.reduce((total, event) => total + pointsFor(event.type, DEFAULT_POINTS_TABLE), 0);
        expect(scoreEvents(positive, DEFAULT_POINTS_TABLE)).toBe(sum);
      }),
    );
  });
});
