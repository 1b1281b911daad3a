import { decodeContract, EngagementEventV1, LeadQualifiedV1, parseContract, type ContractViolation } from '../index';

const valid = { eventId: 'evt-1', leadId: 'lead-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } };

function violationsOf(result: ReturnType<typeof parseContract>): readonly ContractViolation[] {
  if (result.ok) throw new Error('expected violations');
  return result.violations;
}

describe('parseContract', () => {
  it('should accept a valid engagement event', () => {
    const result = parseContract(EngagementEventV1, valid);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeInstanceOf(EngagementEventV1);
  });

  it('should name every bad field when several are wrong', () => {
    const violations = violationsOf(parseContract(EngagementEventV1, { eventId: '', leadId: 'a b', type: 'Page View', occurredAt: '2026-11-24', properties: [] }));
    expect(violations.map((v) => v.path).sort()).toEqual(expect.arrayContaining(['eventId', 'leadId', 'occurredAt', 'properties', 'type']));
    expect(violations.find((v) => v.path === 'occurredAt')?.message).toMatch(/with a zone/);
  });

  it('should report missing required fields', () => {
    const paths = violationsOf(parseContract(EngagementEventV1, {})).map((v) => v.path);
    expect(new Set(paths)).toEqual(new Set(['eventId', 'leadId', 'type', 'occurredAt']));
  });

  it('should refuse unknown fields by name only when asked to', () => {
    const withExtra = { ...valid, leadID: 'typo' };
    expect(parseContract(EngagementEventV1, withExtra).ok).toBe(true);
    const violations = violationsOf(parseContract(EngagementEventV1, withExtra, { rejectUnknownFields: true }));
    expect(violations).toEqual([{ path: 'leadID', message: expect.stringMatching(/should not exist/) }]);
  });

  it('should refuse a payload that is not an object', () => {
    for (const raw of [null, [], 'x', 3]) expect(violationsOf(parseContract(EngagementEventV1, raw))[0]?.path).toBe('');
  });

  it('should give nested paths for nested contracts', () => {
    const violations = violationsOf(
      parseContract(LeadQualifiedV1, {
        qualificationId: 'q-1',
        leadId: 'lead-1',
        stage: 'mql',
        previousStage: 'visitor',
        rule: 'mql_threshold',
        score: 60,
        engagement: 60,
        fit: 0,
        grade: 'D',
        reason: { kind: 'score_threshold', threshold: 50, score: 60 },
        breakdown: { engagementRules: [{ ruleId: 'page_view', points: 'sixty' }], fitRules: [] },
        topSignals: [],
        journey: [{ at: 'yesterday', type: 'page_view', points: 5 }],
        profile: {},
        causeEventId: 'evt-1',
        modelVersion: 'v1',
        qualifiedAt: '2026-11-24T10:00:00Z',
      }),
    );
    expect(violations.map((v) => v.path)).toEqual(['breakdown.engagementRules[0].points', 'journey[0].at']);
  });

  it('should refuse a qualification reason of an unknown kind', () => {
    const violations = violationsOf(parseContract(LeadQualifiedV1, { reason: { kind: 'vibes' } }));
    expect(violations.find((v) => v.path === 'reason')?.message).toMatch(/kind is one of: score_threshold, fast_track, criteria, activities/);
  });
});

describe('decodeContract', () => {
  it('should refuse bytes that are not JSON', () => {
    expect(violationsOf(decodeContract(EngagementEventV1, Buffer.from('{nope')))[0]?.message).toMatch(/not valid JSON/);
  });

  it('should decode valid JSON bytes', () => {
    expect(decodeContract(EngagementEventV1, Buffer.from(JSON.stringify(valid))).ok).toBe(true);
  });
});
