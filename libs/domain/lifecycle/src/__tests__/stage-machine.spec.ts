import { canMove, move, STAGES, type Stage } from '../index';

// Written out by hand, on purpose: the test must not trust the table it checks. Rows: from; columns: to.
const header: readonly Stage[] = ['visitor', 'contact', 'mql', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'];
const EXPECTED: Readonly<Record<Stage, readonly (0 | 1)[]>> = {
  // columns:   visitor, contact, mql, sql, opportunity, customer, recycled, disqualified
  visitor: [0, 1, 1, 1, 0, 0, 0, 1],
  contact: [0, 0, 1, 1, 0, 0, 1, 1],
  mql: [0, 0, 0, 1, 0, 0, 1, 1],
  sql: [0, 0, 0, 0, 1, 1, 1, 1],
  opportunity: [0, 0, 0, 0, 0, 1, 1, 1],
  customer: [0, 0, 0, 0, 0, 0, 0, 0],
  recycled: [0, 0, 1, 1, 0, 0, 0, 1],
  disqualified: [0, 0, 0, 0, 0, 0, 0, 0],
};

const pairs = header.flatMap((from) => header.map((to, column) => ({ from, to, allowed: EXPECTED[from][column] === 1 })));

describe('stage machine', () => {
  it('should cover all 64 pairs of the 8 stages', () => {
    expect([...header].sort()).toEqual([...STAGES].sort());
    expect(pairs).toHaveLength(64);
  });

  it.each(pairs)('$from -> $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(canMove(from, to)).toBe(allowed);
    const result = move(from, to);
    if (allowed) {
      expect(result).toEqual({ ok: true, from, to });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'LIFECYCLE.TRANSITION_REFUSED' });
    }
  });

  it('should name both stages and the allowed targets when refusing', () => {
    const result = move('recycled', 'contact');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('recycled');
    expect(result.message).toContain('contact');
    expect(result.message).toContain('mql, sql, disqualified');
  });

  it('should say a final stage has nowhere to go', () => {
    const result = move('customer', 'recycled');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/none, customer is final/);
  });
});
