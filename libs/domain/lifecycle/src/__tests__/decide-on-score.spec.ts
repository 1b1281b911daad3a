import fc from 'fast-check';
import { decideOnScore, qualificationIdFor, STAGES, type Stage } from '../index';

const rules = { mqlThreshold: 50 };

describe('decideOnScore', () => {
  it.each<Stage>(['visitor', 'contact', 'recycled'])('should qualify a %s lead when the score reaches the threshold', (stage) => {
    expect(decideOnScore(stage, 50, rules)).toEqual({ kind: 'qualify', from: stage, to: 'mql', threshold: 50, score: 50 });
    expect(decideOnScore(stage, 49, rules)).toEqual({ kind: 'stay', stage, why: 'below_threshold' });
  });

  it.each<Stage>(['mql', 'sql', 'opportunity', 'customer'])('should keep a %s lead where it is when the score dips or rises', (stage) => {
    expect(decideOnScore(stage, 0, rules)).toEqual({ kind: 'stay', stage, why: 'already_qualified' });
    expect(decideOnScore(stage, 1000, rules)).toEqual({ kind: 'stay', stage, why: 'already_qualified' });
  });

  it('should never qualify a disqualified lead', () => {
    fc.assert(fc.property(fc.integer(), (score) => expect(decideOnScore('disqualified', score, rules).kind).toBe('stay')));
  });

  it('should qualify only into mql and only from below it, for any stage and score', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 500 }), (stage, score, threshold) => {
        const decision = decideOnScore(stage, score, { mqlThreshold: threshold });
        if (decision.kind === 'qualify') {
          expect(['visitor', 'contact', 'recycled']).toContain(stage);
          expect(score).toBeGreaterThanOrEqual(threshold);
        }
      }),
    );
  });
});

describe('qualificationIdFor', () => {
  it('should be stable for the same inputs and differ for another cause', () => {
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).toBe(qualificationIdFor('lead-1', 'mql', 'evt-1'));
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).not.toBe(qualificationIdFor('lead-1', 'mql', 'evt-2'));
    expect(qualificationIdFor('lead-1', 'mql', 'evt-1')).toMatch(/^qual_[0-9a-f]{32}$/);
  });
});
