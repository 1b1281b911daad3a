import fc from 'fast-check';
import { rocAuc } from '../roc-auc';

const lead = (score: number, positive: boolean): { score: number; positive: boolean } => ({ score, positive });

/** The definition: over every (positive, negative) pair, 1 when the positive scores higher, 1/2 on a tie. */
function pairwiseAuc(scored: readonly { score: number; positive: boolean }[]): number {
  const positives = scored.filter((item) => item.positive);
  const negatives = scored.filter((item) => !item.positive);
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

describe('rocAuc', () => {
  it('should be 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties', () => {
    expect(rocAuc([lead(3, true), lead(2, true), lead(1, false), lead(0, false)])).toBe(1);
    expect(rocAuc([lead(0, true), lead(1, true), lead(2, false), lead(3, false)])).toBe(0);
    expect(rocAuc([lead(5, true), lead(5, false), lead(5, true), lead(5, false)])).toBe(0.5);
  });

  it('should count a tie between a positive and a negative as one half (hand-computed)', () => {
    // pairs (3,2) 1, (3,1) 1, (2,2) 0.5, (2,1) 1: 3.5 of 4
    expect(rocAuc([lead(3, true), lead(2, true), lead(2, false), lead(1, false)])).toBe(0.875);
    // pairs (2,2) 0.5, (2,3) 0, (1,2) 0, (1,3) 0 ... with 2 positives x 2 negatives: 0.5 / 4
    expect(rocAuc([lead(2, true), lead(1, true), lead(2, false), lead(3, false)])).toBe(0.125);
  });

  it('should be NaN when a class is empty', () => {
    expect(rocAuc([lead(1, true), lead(2, true)])).toBeNaN();
    expect(rocAuc([])).toBeNaN();
  });

  it('should equal the pairwise definition on any scores, ties included', () => {
    const scored = fc.array(fc.record({ score: fc.integer({ min: -5, max: 5 }), positive: fc.boolean() }), { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(scored, (items) => {
        fc.pre(items.some((item) => item.positive) && items.some((item) => !item.positive));
        expect(rocAuc(items)).toBeCloseTo(pairwiseAuc(items), 12);
      }),
    );
  });
});
