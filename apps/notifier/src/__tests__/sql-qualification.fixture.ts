import type { LeadQualifiedV1 } from '@baton/contracts';
import { uniqueId } from '@baton/testing';

/** A fast-tracked SQL of this lead, as lifecycle emits one; each call a new qualification and cause. */
export function sqlQualification(leadId: string, overrides: Partial<LeadQualifiedV1> = {}): LeadQualifiedV1 {
  return {
    qualificationId: uniqueId('qual'),
    leadId,
    stage: 'sql',
    previousStage: 'mql',
    rule: 'sql_fast_track',
    reason: { kind: 'fast_track', action: 'demo_requested', grade: 'A', minGrade: 'B' },
    score: 140,
    engagement: 70,
    fit: 70,
    grade: 'A',
    breakdown: { engagementRules: [{ ruleId: 'demo_requested', points: 40 }], fitRules: [] },
    topSignals: [{ ruleId: 'demo_requested', points: 40 }],
    journey: [],
    profile: {},
    causeEventId: uniqueId('evt'),
    modelVersion: 'b2b-default-2',
    qualifiedAt: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}
