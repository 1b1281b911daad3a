import { decideOnFeedback, STAGES, type FeedbackOutcome, type Stage } from '../index';

const ACCEPTS: Readonly<Record<FeedbackOutcome, Partial<Record<Stage, Stage>>>> = {
  accepted: { sql: 'opportunity' },
  rejected: { mql: 'recycled', sql: 'recycled' },
  won: { sql: 'customer', opportunity: 'customer' },
  lost: { sql: 'recycled', opportunity: 'recycled' },
};

const cases = (Object.keys(ACCEPTS) as FeedbackOutcome[]).flatMap((outcome) => STAGES.map((stage) => ({ outcome, stage, to: ACCEPTS[outcome][stage] })));

describe('decideOnFeedback', () => {
  it.each(cases)('$outcome on a $stage lead -> $to', ({ outcome, stage, to }) => {
    const decision = decideOnFeedback(stage, outcome);
    if (to === undefined) {
      expect(decision).toMatchObject({ ok: false, code: 'LIFECYCLE.FEEDBACK_REFUSED' });
    } else {
      expect(decision).toEqual({ ok: true, to });
    }
  });

  it('should name the outcome, the stage and the stages that accept it when refusing', () => {
    const decision = decideOnFeedback('mql', 'won');
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.message).toBe('Feedback "won" does not apply to a lead in stage mql; it applies to a lead in stage sql or opportunity.');
  });
});
