import { decideOnSignal, heldByFit, recordSignal, type LeadLifecycle, type ScoringSignal } from '../index';
import { lead, RULES, signal } from './stage-rules.fixture';

/** What the app does with each signal: record it, then decide on the recorded lead. */
function decide(before: LeadLifecycle, next: ScoringSignal) {
  return decideOnSignal(recordSignal(before, next, RULES), next, RULES);
}

const MQL_READY = { engagement: 50, grade: 'B' } as const;
const BANT_3 = { bant: { budget: true, authority: true, need: true, timeline: false } };

describe('decideOnSignal', () => {
  describe('anonymous visitors', () => {
    it('should keep an anonymous visitor a visitor whatever it does: nobody to call yet', () => {
      for (const next of [signal({ causeType: 'form_submitted' }), signal({ ...MQL_READY, engagement: 500 }), signal({ causeType: 'demo_requested', grade: 'A', engagement: 90 })]) {
        expect(decide(lead(), { ...next, anonymous: true })).toEqual({ kind: 'stay', why: 'anonymous' });
      }
    });
  });

  describe('contact', () => {
    it('should make a visitor a contact on an identifying event', () => {
      expect(decide(lead(), signal({ causeType: 'form_submitted' }))).toEqual({ kind: 'move', to: 'contact', rule: 'contact', reason: { kind: 'identified', by: 'form_submitted' } });
    });

    it('should make a visitor a contact once an identifying trait is known, not when it is empty', () => {
      expect(decide(lead(), signal({ causeType: 'profile_updated', causeProperties: undefined, profile: { phone: '+44 20 1234' } }))).toMatchObject({
        to: 'contact',
        reason: { kind: 'identified', by: 'phone' },
      });
      expect(decide(lead(), signal({ profile: { email: '' } }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it('should not move a recycled lead back to contact', () => {
      expect(decide(lead({ stage: 'recycled' }), signal({ causeType: 'form_submitted', profile: { email: 'a@b.example' } }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });
  });

  describe('mql', () => {
    it('should qualify a contact at the engagement threshold with a good enough grade', () => {
      expect(decide(lead({ stage: 'contact' }), signal(MQL_READY))).toEqual({
        kind: 'move',
        to: 'mql',
        rule: 'mql_threshold',
        reason: { kind: 'score_threshold', minEngagement: 50, engagement: 50, minGrade: 'B', grade: 'B' },
      });
    });

    it('should hold below the engagement threshold', () => {
      expect(decide(lead({ stage: 'contact' }), signal({ ...MQL_READY, engagement: 49 }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it.each([
      ['A', true],
      ['B', true],
      ['C', false],
      ['D', false],
    ] as const)('should treat grade %s against minimum B as qualifying: %s', (grade, qualifies) => {
      expect(decide(lead({ stage: 'contact' }), signal({ engagement: 80, grade })).kind).toBe(qualifies ? 'move' : 'stay');
    });

    it('should requalify a recycled lead only after the required gain since it was recycled', () => {
      const recycled = lead({ stage: 'recycled', recycledAtEngagement: 40 });
      expect(decide(recycled, signal({ engagement: 59, grade: 'A' }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
      expect(decide(recycled, signal({ engagement: 60, grade: 'A' }))).toMatchObject({ kind: 'move', to: 'mql' });
    });

    it('should beat contact for a visitor that is already engaged enough', () => {
      expect(decide(lead(), signal({ ...MQL_READY, causeType: 'form_submitted' }))).toMatchObject({ to: 'mql', rule: 'mql_threshold' });
    });
  });

  describe('sql', () => {
    it('should fast-track a hand-raising event when the grade is acceptable', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ causeType: 'demo_requested', grade: 'C' }))).toEqual({
        kind: 'move',
        to: 'sql',
        rule: 'sql_fast_track',
        reason: { kind: 'fast_track', action: 'demo_requested', grade: 'C', minGrade: 'C' },
      });
    });

    it('should not fast-track a lead whose grade is below the minimum', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ causeType: 'demo_requested', grade: 'D' }))).toEqual({ kind: 'stay', why: 'fit_gate' });
      expect(heldByFit(lead({ stage: 'mql' }), signal({ causeId: 'e-9', causeType: 'demo_requested', grade: 'D' }), RULES)).toEqual({
        rule: 'sql_fast_track',
        grade: 'D',
        minGrade: 'C',
        causeId: 'e-9',
      });
    });

    it('should hold back a lead of too low a grade on every path to SQL, and say which path it met', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ score: 120, profile: BANT_3, grade: 'D' }))).toEqual({ kind: 'stay', why: 'fit_gate' });
      expect(heldByFit(lead({ stage: 'mql' }), signal({ score: 120, profile: BANT_3, grade: 'D' }), RULES)).toMatchObject({ rule: 'sql_criteria', minGrade: 'C' });
      const active = lead({
        stage: 'mql',
        highIntent: [
          { ruleId: 'pricing_visit', at: '2024-02-28T10:00:00.000Z' },
          { ruleId: 'webinar_attended', at: '2024-02-29T10:00:00.000Z' },
        ],
      });
      const third = signal({ grade: 'D', firedRules: [{ ruleId: 'case_study_download', points: 10 }] });
      expect(decide(active, third)).toEqual({ kind: 'stay', why: 'fit_gate' });
      expect(heldByFit(active, third, RULES)).toMatchObject({ rule: 'sql_activities', grade: 'D', minGrade: 'C' });
    });

    it('should take a path the lead meets rather than hold it back on another', () => {
      // Fit C: the fast track (C) takes it; nothing is held.
      expect(decide(lead({ stage: 'contact' }), signal({ causeType: 'demo_requested', grade: 'C', engagement: 60 }))).toMatchObject({ kind: 'move', rule: 'sql_fast_track' });
      expect(heldByFit(lead({ stage: 'contact' }), signal({ causeType: 'demo_requested', grade: 'C', engagement: 60 }), RULES)).toBeUndefined();
      // Fit D on a visitor's demo request: it becomes a contact (nobody is sent to sales), the fit gate noted.
      expect(decide(lead(), signal({ causeType: 'demo_requested', grade: 'D', profile: { email: 'a@b.example' } }))).toMatchObject({ kind: 'move', to: 'contact' });
      expect(heldByFit(lead(), signal({ causeType: 'demo_requested', grade: 'D', profile: { email: 'a@b.example' } }), RULES)).toMatchObject({ rule: 'sql_fast_track' });
      // Fit D on a contact's demo request with engagement enough for an MQL at B: neither path taken, the lead stays.
      expect(decide(lead({ stage: 'contact' }), signal({ causeType: 'demo_requested', grade: 'D', engagement: 60 }))).toEqual({ kind: 'stay', why: 'fit_gate' });
      const lenient: typeof RULES = { ...RULES, mql: { minEngagement: 50, minGrade: 'D', lowestGradeBecause: 'marketing nurtures everyone' } };
      // An MQL for marketing where the model lets the lowest grade in, the fast track to sales still held back.
      expect(decideOnSignal(lead({ stage: 'contact' }), signal({ causeType: 'demo_requested', grade: 'D', engagement: 60 }), lenient)).toMatchObject({ kind: 'move', to: 'mql' });
      expect(heldByFit(lead({ stage: 'contact' }), signal({ causeType: 'demo_requested', grade: 'D', engagement: 60 }), lenient)).toMatchObject({ rule: 'sql_fast_track', minGrade: 'C' });
    });

    it('should qualify on score with enough BANT criteria known to be satisfied', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ score: 120, profile: BANT_3, grade: 'C' }))).toEqual({
        kind: 'move',
        to: 'sql',
        rule: 'sql_criteria',
        reason: { kind: 'criteria', minScore: 120, score: 120, bantMet: ['budget', 'authority', 'need'], bantAtLeast: 3, grade: 'C', minGrade: 'C' },
      });
    });

    it('should count only BANT criteria that are true, not unknown or truthy strings', () => {
      const profile = { bant: { budget: true, authority: 'yes', need: true } };
      expect(decide(lead({ stage: 'mql' }), signal({ score: 500, profile }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it('should not qualify on BANT alone when the score is below the minimum', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ score: 119, profile: BANT_3 }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    /** An MQL with two high-intent activities, and a third, 14 days after the first. */
    const twoActivities = lead({
      stage: 'mql',
      highIntent: [
        { ruleId: 'pricing_visit', at: '2024-02-20T10:00:00.000Z' },
        { ruleId: 'webinar_attended', at: '2024-02-25T10:00:00.000Z' },
      ],
    });
    const third = signal({ occurredAt: '2024-03-05T10:00:00.000Z', grade: 'C', firedRules: [{ ruleId: 'case_study_download', points: 10 }] });

    it('should qualify on distinct high-intent activities within the window', () => {
      expect(decide(twoActivities, third)).toEqual({
        kind: 'move',
        to: 'sql',
        rule: 'sql_activities',
        reason: { kind: 'activities', activities: ['pricing_visit', 'webinar_attended', 'case_study_download'], distinct: 3, withinDays: 14, grade: 'C', minGrade: 'C' },
      });
    });

    it('should end the activities window when the cause reached Baton, not when it happened', () => {
      // Sent at once, the three are within 14 days; sent a month later, the two earlier ones are out of the 14 days up to then.
      expect(decide(twoActivities, { ...third, asOf: '2024-03-05T10:00:00.000Z' })).toMatchObject({ to: 'sql' });
      expect(decide(twoActivities, { ...third, asOf: '2024-04-05T10:00:00.000Z' })).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it('should fast-track a hand raised within the freshness window only, when the model sets one', () => {
      const rules = { ...RULES, sql: { ...RULES.sql, fastTrack: { events: ['demo_requested'], withinDays: 14, minGrade: 'C' as const } } };
      const demo = signal({ causeType: 'demo_requested', occurredAt: '2024-03-01T10:00:00.000Z', grade: 'B' });
      expect(decideOnSignal(lead({ stage: 'contact' }), { ...demo, asOf: '2024-03-15T10:00:00.000Z' }, rules)).toMatchObject({ to: 'sql', rule: 'sql_fast_track' });
      expect(decideOnSignal(lead({ stage: 'contact' }), { ...demo, asOf: '2024-03-15T10:00:00.001Z' }, rules)).toEqual({ kind: 'stay', why: 'no_rule_met' });
      // Without a window, any age counts, as before the model said otherwise.
      expect(decideOnSignal(lead({ stage: 'contact' }), { ...demo, asOf: '2025-03-01T10:00:00.000Z' }, RULES)).toMatchObject({ to: 'sql' });
    });

    it('should count the signal’s own activity even when the caller has not recorded it yet', () => {
      const before = lead({
        stage: 'mql',
        highIntent: [
          { ruleId: 'pricing_visit', at: '2024-03-01T10:00:00.000Z' },
          { ruleId: 'webinar_attended', at: '2024-03-02T10:00:00.000Z' },
        ],
      });
      const third = signal({ occurredAt: '2024-03-03T10:00:00.000Z', grade: 'B', firedRules: [{ ruleId: 'comparison_search', points: 10 }] });
      expect(decideOnSignal(before, third, RULES)).toMatchObject({ to: 'sql', rule: 'sql_activities' });
    });

    it('should not count an activity older than the window', () => {
      const before = lead({
        stage: 'mql',
        highIntent: [
          { ruleId: 'pricing_visit', at: '2024-02-20T09:59:59.999Z' },
          { ruleId: 'webinar_attended', at: '2024-02-25T10:00:00.000Z' },
        ],
      });
      const third = signal({ occurredAt: '2024-03-05T10:00:00.000Z', grade: 'C', firedRules: [{ ruleId: 'case_study_download', points: 10 }] });
      expect(decide(before, third)).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it('should not count the same activity repeated as distinct ones', () => {
      const before = lead({
        stage: 'mql',
        highIntent: [
          { ruleId: 'pricing_visit', at: '2024-03-01T10:00:00.000Z' },
          { ruleId: 'pricing_visit', at: '2024-03-02T10:00:00.000Z' },
        ],
      });
      const again = signal({ occurredAt: '2024-03-03T10:00:00.000Z', firedRules: [{ ruleId: 'pricing_visit', points: 10 }] });
      expect(decide(before, again)).toEqual({ kind: 'stay', why: 'no_rule_met' });
    });

    it('should beat MQL for a contact that qualifies for both', () => {
      expect(decide(lead({ stage: 'contact' }), signal({ ...MQL_READY, causeType: 'meeting_booked' }))).toMatchObject({ to: 'sql', rule: 'sql_fast_track' });
    });

    it('should requalify a recycled lead straight to SQL on a hand-raise', () => {
      expect(decide(lead({ stage: 'recycled', recycledAtEngagement: 100 }), signal({ causeType: 'demo_requested', grade: 'B' }))).toMatchObject({ to: 'sql' });
    });

    it.each(['sql', 'opportunity'] as const)('should leave a %s lead where it is', (stage) => {
      expect(decide(lead({ stage }), signal({ causeType: 'demo_requested', grade: 'A', engagement: 500, score: 500, profile: BANT_3 }))).toEqual({
        kind: 'stay',
        why: 'already_beyond',
      });
    });
  });

  describe('disqualify', () => {
    it('should disqualify on a profile rule', () => {
      expect(decide(lead({ stage: 'contact' }), signal({ profile: { company: { domain: 'Rival.example' } } }))).toEqual({
        kind: 'move',
        to: 'disqualified',
        rule: 'disqualify:competitor',
        reason: { kind: 'disqualified', ruleId: 'competitor' },
      });
    });

    it('should disqualify on an event rule only for its event type and properties', () => {
      expect(decide(lead({ stage: 'mql' }), signal({ causeType: 'email_bounced', causeProperties: { bounce_type: 'hard' } }))).toMatchObject({
        to: 'disqualified',
        rule: 'disqualify:hard_bounce',
      });
      expect(decide(lead({ stage: 'mql' }), signal({ causeType: 'email_bounced', causeProperties: { bounce_type: 'soft' } }))).toEqual({ kind: 'stay', why: 'no_rule_met' });
      // The same property on the profile or on another event type is not a bounce.
      expect(decide(lead({ stage: 'mql' }), signal({ causeType: 'email_opened', causeProperties: { bounce_type: 'hard' }, profile: { bounce_type: 'hard' } }))).toEqual({
        kind: 'stay',
        why: 'no_rule_met',
      });
    });

    it('should beat SQL, MQL and contact', () => {
      const everything = signal({ causeType: 'demo_requested', grade: 'A', engagement: 500, score: 500, profile: { email: 'x@y.example', seniority: 'Student', ...BANT_3 } });
      expect(decide(lead(), everything)).toMatchObject({ to: 'disqualified', rule: 'disqualify:student' });
    });

    it.each(['visitor', 'contact', 'mql', 'sql', 'opportunity', 'recycled'] as const)('should disqualify a %s lead', (stage) => {
      expect(decide(lead({ stage }), signal({ profile: { seniority: 'student' } }))).toMatchObject({ kind: 'move', to: 'disqualified' });
    });
  });

  it.each(['customer', 'disqualified'] as const)('should never move a %s lead', (stage) => {
    expect(decide(lead({ stage }), signal({ causeType: 'demo_requested', grade: 'A', profile: { seniority: 'student' } }))).toEqual({ kind: 'stay', why: 'final_stage' });
  });
});

describe('recordSignal', () => {
  it('should keep the latest activity time and ignore profile updates', () => {
    const seen = recordSignal(lead(), signal({ occurredAt: '2024-03-02T00:00:00.000Z' }), RULES);
    expect(seen.lastActivityAt).toBe('2024-03-02T00:00:00.000Z');
    expect(recordSignal(seen, signal({ occurredAt: '2024-03-01T00:00:00.000Z' }), RULES).lastActivityAt).toBe('2024-03-02T00:00:00.000Z');
    expect(recordSignal(seen, signal({ causeType: 'profile_updated', occurredAt: '2024-04-01T00:00:00.000Z' }), RULES).lastActivityAt).toBe('2024-03-02T00:00:00.000Z');
  });

  it('should remember only high-intent rules and prune those that left the window', () => {
    const before = lead({ highIntent: [{ ruleId: 'pricing_visit', at: '2024-01-01T00:00:00.000Z' }] });
    const after = recordSignal(
      before,
      signal({
        occurredAt: '2024-03-01T00:00:00.000Z',
        firedRules: [
          { ruleId: 'webinar_attended', points: 20 },
          { ruleId: 'blog_visit', points: 1 },
        ],
      }),
      RULES,
    );
    expect(after.highIntent).toEqual([{ ruleId: 'webinar_attended', at: '2024-03-01T00:00:00.000Z' }]);
  });

  it('should not add a replayed event twice', () => {
    const event = signal({ firedRules: [{ ruleId: 'pricing_visit', points: 5 }] });
    const once = recordSignal(lead(), event, RULES);
    expect(recordSignal(once, event, RULES).highIntent).toEqual(once.highIntent);
  });
});
