import { decideOnInactivity, STAGES, type Stage } from '../index';
import { lead, RULES } from './stage-rules.fixture';

const LAST = '2024-01-01T12:00:00.000Z';
const AFTER_90_DAYS = '2024-03-31T12:00:00.000Z';

describe('decideOnInactivity', () => {
  it.each(['contact', 'mql', 'sql'] as const)('should recycle a %s lead quiet for more than the inactive days', (stage) => {
    expect(decideOnInactivity(lead({ stage, lastActivityAt: LAST }), '2024-03-31T12:00:00.001Z', RULES)).toEqual({
      kind: 'move',
      to: 'recycled',
      rule: 'recycle_inactive',
      reason: { kind: 'inactive', lastActivityAt: LAST, idleSince: LAST, inactiveDays: 90 },
    });
  });

  it('should keep a lead quiet for exactly the inactive days', () => {
    expect(decideOnInactivity(lead({ stage: 'mql', lastActivityAt: LAST }), AFTER_90_DAYS, RULES)).toEqual({ kind: 'stay', why: 'no_rule_met' });
  });

  it('should count a lead idle from the time it entered its stage when that came after its latest activity', () => {
    // Made a contact on 2024-03-01 from activity of January: idle as a contact from March on.
    const lately = lead({ stage: 'contact', lastActivityAt: LAST, since: '2024-03-01T12:00:00.000Z' });
    expect(decideOnInactivity(lately, '2024-04-01T12:00:00.000Z', RULES)).toEqual({ kind: 'stay', why: 'no_rule_met' });
    expect(decideOnInactivity(lately, '2024-05-30T12:00:00.001Z', RULES)).toMatchObject({ to: 'recycled', reason: { lastActivityAt: LAST, idleSince: '2024-03-01T12:00:00.000Z' } });
  });

  it('should keep a lead with no activity known', () => {
    expect(decideOnInactivity(lead({ stage: 'mql' }), AFTER_90_DAYS, RULES)).toEqual({ kind: 'stay', why: 'no_rule_met' });
  });

  it.each(STAGES.filter((stage): stage is Exclude<Stage, 'contact' | 'mql' | 'sql'> => !['contact', 'mql', 'sql'].includes(stage)))('should never recycle a %s lead for inactivity', (stage) => {
    const decision = decideOnInactivity(lead({ stage, lastActivityAt: LAST }), '2025-01-01T00:00:00.000Z', RULES);
    expect(decision).toEqual({ kind: 'stay', why: stage === 'customer' || stage === 'disqualified' ? 'final_stage' : 'no_rule_met' });
  });
});
