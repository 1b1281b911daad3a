import { LeadProfileUpdatedV1, parseContract, ScoreChangedV1 } from '../index';

const update = (traits: unknown): unknown => ({ updateId: 'u-1', leadId: 'ada-1', updatedAt: '2026-11-24T10:00:00Z', traits });

describe('LeadProfileUpdatedV1', () => {
  it('should accept a partial update, with null clearing a trait', () => {
    const parsed = parseContract(LeadProfileUpdatedV1, update({ jobTitle: 'CTO', company: { employees: 120, country: null }, technologies: ['Salesforce'], bant: { budget: true, need: null } }), {
      rejectUnknownFields: true,
    });
    expect(parsed.ok).toBe(true);
  });

  it('should name every bad trait by its path', () => {
    const parsed = parseContract(LeadProfileUpdatedV1, update({ email: 'not-an-email', company: { employees: 1.5, annualRevenue: -3 }, technologies: [7], bant: { budget: 'yes' } }), {
      rejectUnknownFields: true,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.violations.map((violation) => violation.path).sort()).toEqual([
      'traits.bant.budget',
      'traits.company.annualRevenue',
      'traits.company.employees',
      'traits.email',
      'traits.technologies',
    ]);
  });

  it('should refuse unknown traits at the edge and a missing traits object anywhere', () => {
    const unknown = parseContract(LeadProfileUpdatedV1, update({ shoeSize: 44 }), { rejectUnknownFields: true });
    expect(unknown.ok ? [] : unknown.violations.map((violation) => violation.path)).toEqual(['traits.shoeSize']);
    const missing = parseContract(LeadProfileUpdatedV1, { updateId: 'u-1', leadId: 'ada-1', updatedAt: '2026-11-24T10:00:00Z' });
    expect(missing.ok ? [] : missing.violations.map((violation) => violation.path)).toEqual(['traits']);
  });
});

describe('ScoreChangedV1', () => {
  const change = {
    scoreChangeId: 'sc-1',
    leadId: 'ada-1',
    causeEventId: 'e-1',
    causeEventType: 'page_view',
    score: 20,
    delta: 5,
    engagement: 5,
    fit: 15,
    grade: 'C',
    firedRules: [{ ruleId: 'page_view', points: 5 }],
    engagementRules: [{ ruleId: 'page_view', points: 5 }],
    fitRules: [{ ruleId: 'target_industry', points: 15 }],
    causeProperties: { url: '/pricing' },
    profile: { company: { industry: 'software' } },
    modelVersion: 'b2b-1',
    occurredAt: '2026-11-24T10:00:00Z',
    scoredAt: '2026-11-24T10:00:01Z',
  };

  it('should accept a change with its breakdown', () => {
    expect(parseContract(ScoreChangedV1, change).ok).toBe(true);
  });

  it('should refuse an unknown grade and a malformed rule entry', () => {
    const parsed = parseContract(ScoreChangedV1, { ...change, grade: 'E', firedRules: [{ ruleId: 'Page View', points: 1.5 }] });
    expect(parsed.ok ? [] : parsed.violations.map((violation) => violation.path).sort()).toEqual(['firedRules[0].points', 'firedRules[0].ruleId', 'grade']);
  });
});
