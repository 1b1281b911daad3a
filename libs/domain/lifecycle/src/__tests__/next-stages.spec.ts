import { nextStages, type LeadStanding } from '../index';
import { lead, RULES } from './stage-rules.fixture';

// RULES: MQL at engagement 50 and grade B; SQL by fast track (demo_requested, meeting_booked; C), score 120 with 3 of 4
// BANT (C), or 3 distinct high-intent activities within 14 days (C).
const AT = '2024-03-10T12:00:00.000Z';
const standing = (overrides: Partial<LeadStanding> = {}): LeadStanding => ({ score: 80, engagement: 32, grade: 'B', profile: { bant: { budget: true } }, ...overrides });

describe('nextStages', () => {
  it('should say, for each stage above the lead, what each path has and needs', () => {
    const next = nextStages(lead({ stage: 'contact', highIntent: [{ ruleId: 'pricing_visit', at: '2024-03-05T10:00:00.000Z' }] }), standing(), RULES, AT);
    expect(next.mql).toEqual({
      path: 'mql_threshold',
      gates: [
        { gate: 'engagement', met: false, value: 32, needed: 50 },
        { gate: 'fit', met: true, value: 'B', needed: 'B' },
      ],
    });
    expect(next.sql).toEqual([
      {
        path: 'sql_fast_track',
        gates: [
          { gate: 'hand_raised', met: false, needed: ['demo_requested', 'meeting_booked'] },
          { gate: 'fit', met: true, value: 'B', needed: 'C' },
        ],
      },
      {
        path: 'sql_criteria',
        gates: [
          { gate: 'score', met: false, value: 80, needed: 120 },
          { gate: 'bant', met: false, value: ['budget'], needed: 3 },
          { gate: 'fit', met: true, value: 'B', needed: 'C' },
        ],
      },
      {
        path: 'sql_activities',
        gates: [
          { gate: 'activities', met: false, value: ['pricing_visit'], needed: 3, withinDays: 14 },
          { gate: 'fit', met: true, value: 'B', needed: 'C' },
        ],
      },
    ]);
    expect(next.summary).toBe('MQL: engagement 32 of 50, grade B of at least B. SQL: no hand raised; or score 80 of 120 and BANT 1 of 3; or 1 of 3 high-intent activities in 14 days');
  });

  it('should name the fit a poor fit lacks on every path', () => {
    const next = nextStages(lead({ stage: 'contact' }), standing({ grade: 'D', engagement: 70 }), RULES, AT);
    expect(next.summary).toBe(
      'MQL: engagement 70 of 50, grade D of at least B. SQL: no hand raised and grade D of at least C; or score 80 of 120 and BANT 1 of 3 and grade D of at least C; or 0 of 3 high-intent activities in 14 days and grade D of at least C',
    );
  });

  it('should count only the activities within the window that ends at the given time', () => {
    const active = lead({
      stage: 'mql',
      highIntent: [
        { ruleId: 'pricing_visit', at: '2024-02-01T10:00:00.000Z' },
        { ruleId: 'webinar_attended', at: '2024-03-09T10:00:00.000Z' },
      ],
    });
    expect(nextStages(active, standing(), RULES, AT).sql?.[2]?.gates[0]).toMatchObject({ value: ['webinar_attended'] });
  });

  it('should leave out the stages the lead cannot reach any more', () => {
    expect(nextStages(lead({ stage: 'mql' }), standing(), RULES, AT)).not.toHaveProperty('mql');
    for (const stage of ['sql', 'opportunity', 'customer', 'disqualified'] as const) expect(nextStages(lead({ stage }), standing(), RULES, AT)).toEqual({ summary: '' });
  });

  it('should ask a recycled lead for fresh interest above what it had when recycled', () => {
    const recycled = lead({ stage: 'recycled', recycledAtEngagement: 60 });
    expect(nextStages(recycled, standing({ engagement: 70 }), RULES, AT).mql?.gates[0]).toEqual({ gate: 'engagement', met: false, value: 70, needed: 80 });
  });
});
