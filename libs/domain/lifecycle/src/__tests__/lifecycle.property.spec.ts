import fc from 'fast-check';
import { GRADES, gradeAtLeast, type Grade, type StageRules } from '@baton/scoring-domain';
import { canMove, decideOnFeedback, decideOnSignal, FEEDBACK_OUTCOMES, heldByFit, recordSignal, STAGES, type LeadLifecycle, type ScoringSignal, type Stage } from '../index';
import { lead, RULES } from './stage-rules.fixture';

const RULE_IDS = ['pricing_visit', 'case_study_download', 'webinar_attended', 'comparison_search', 'blog_visit'];
const CAUSE_TYPES = ['page_viewed', 'form_submitted', 'demo_requested', 'meeting_booked', 'email_bounced', 'profile_updated'];

// How far along the funnel a stage is; side states sit where they re-enter it.
const RANK: Readonly<Record<Stage, number>> = { visitor: 0, contact: 1, recycled: 1, mql: 2, sql: 3, opportunity: 4, customer: 5, disqualified: -1 };

const day = fc.integer({ min: 0, max: 60 }).map((offset) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString());
const bant = fc.record({ budget: fc.boolean(), authority: fc.boolean(), need: fc.boolean(), timeline: fc.boolean() }, { requiredKeys: [] });
const profile = fc.record(
  {
    email: fc.constantFrom('a@b.example', ''),
    seniority: fc.constantFrom('student', 'director'),
    company: fc.record({ domain: fc.constantFrom('rival.example', 'acme.example') }),
    bant,
  },
  { requiredKeys: [] },
);

const arbSignal: fc.Arbitrary<ScoringSignal> = fc.record({
  causeId: fc.uuid(),
  causeType: fc.constantFrom(...CAUSE_TYPES),
  causeProperties: fc.option(fc.record({ bounce_type: fc.constantFrom('hard', 'soft') }), { nil: undefined }),
  occurredAt: day,
  score: fc.integer({ min: -50, max: 300 }),
  engagement: fc.integer({ min: -50, max: 200 }),
  fit: fc.integer({ min: 0, max: 100 }),
  grade: fc.constantFrom(...GRADES),
  firedRules: fc.array(fc.record({ ruleId: fc.constantFrom(...RULE_IDS), points: fc.integer({ min: -10, max: 30 }) }), { maxLength: 3 }),
  profile,
});

const arbLead: fc.Arbitrary<LeadLifecycle> = fc.record({
  stage: fc.constantFrom(...STAGES),
  recycledAtEngagement: fc.integer({ min: 0, max: 150 }),
  highIntent: fc.array(fc.record({ ruleId: fc.constantFrom(...RULE_IDS), at: day }), { maxLength: 5 }),
});

/** Stage rules whose every path to MQL and SQL asks for at least `minGrade` (the lowest, D, with its reason). */
const gatedRules = fc
  .record({ mql: fc.constantFrom(...GRADES), fastTrack: fc.constantFrom(...GRADES), criteria: fc.constantFrom(...GRADES), activities: fc.constantFrom(...GRADES) })
  .map((grades): StageRules => {
    const gate = (minGrade: Grade) => ({ minGrade, ...(minGrade === 'D' ? { lowestGradeBecause: 'the model says so' } : {}) });
    const { fastTrack, criteria, activities } = RULES.sql;
    return {
      ...RULES,
      mql: { ...RULES.mql, ...gate(grades.mql) },
      sql: {
        fastTrack: { ...(fastTrack as NonNullable<typeof fastTrack>), ...gate(grades.fastTrack) },
        criteria: { ...(criteria as NonNullable<typeof criteria>), ...gate(grades.criteria) },
        activities: { ...(activities as NonNullable<typeof activities>), ...gate(grades.activities) },
      },
    };
  });

describe('lifecycle properties', () => {
  it('should never qualify a lead below the fit its path asks for: the lowest grade only where the model says so', () => {
    fc.assert(
      fc.property(arbLead, arbSignal, gatedRules, (before, next, rules) => {
        const decision = decideOnSignal(recordSignal(before, next, rules), next, rules);
        if (decision.kind !== 'move' || (decision.to !== 'mql' && decision.to !== 'sql')) return;
        const gate =
          decision.rule === 'mql_threshold' ? rules.mql : decision.rule === 'sql_fast_track' ? rules.sql.fastTrack : decision.rule === 'sql_criteria' ? rules.sql.criteria : rules.sql.activities;
        expect(gradeAtLeast(next.grade, gate?.minGrade ?? 'A')).toBe(true);
        if (next.grade === 'D') expect(gate?.lowestGradeBecause).toBeDefined();
      }),
    );
  });

  it('should hold back only a lead whose grade its path refuses, and never qualify it to that stage or above then', () => {
    fc.assert(
      fc.property(arbLead, arbSignal, gatedRules, (before, next, rules) => {
        const recorded = recordSignal(before, next, rules);
        const held = heldByFit(recorded, next, rules);
        if (held === undefined) return;
        expect(gradeAtLeast(next.grade, held.minGrade)).toBe(false);
        const decision = decideOnSignal(recorded, next, rules);
        const heldFrom = held.rule === 'mql_threshold' ? 'mql' : 'sql';
        expect(decision.kind === 'move' && (decision.to === heldFrom || decision.to === 'sql')).toBe(false);
      }),
    );
  });

  it('should only ever decide an allowed transition from the lead’s stage', () => {
    fc.assert(
      fc.property(arbLead, arbSignal, (before, next) => {
        const decision = decideOnSignal(recordSignal(before, next, RULES), next, RULES);
        if (decision.kind === 'move') expect(canMove(before.stage, decision.to)).toBe(true);
      }),
    );
  });

  it('should never move a lead down on a dip: only disqualification lowers a stage on a signal', () => {
    fc.assert(
      fc.property(arbLead, arbSignal, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (before, next, scoreDrop, engagementDrop) => {
        const dip = { ...next, score: next.score - scoreDrop, engagement: next.engagement - engagementDrop };
        const decision = decideOnSignal(recordSignal(before, dip, RULES), dip, RULES);
        if (decision.kind === 'move' && decision.to !== 'disqualified') expect(RANK[decision.to]).toBeGreaterThan(RANK[before.stage]);
      }),
    );
  });

  it('should keep a qualified lead where it is when its score and engagement fall to nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom<Stage>('mql', 'sql', 'opportunity'), fc.integer({ min: -100, max: 0 }), (stage, low) => {
        const quiet: ScoringSignal = {
          causeId: 'evt',
          causeType: 'page_viewed',
          occurredAt: '2024-03-01T00:00:00.000Z',
          score: low,
          engagement: low,
          fit: 0,
          grade: 'D',
          firedRules: [],
          profile: {},
        };
        expect(decideOnSignal(lead({ stage }), quiet, RULES).kind).toBe('stay');
      }),
    );
  });

  it('should only ever accept feedback that is an allowed transition', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.constantFrom(...FEEDBACK_OUTCOMES), (stage, outcome) => {
        const decision = decideOnFeedback(stage, outcome);
        if (decision.ok) expect(canMove(stage, decision.to)).toBe(true);
      }),
    );
  });
});
