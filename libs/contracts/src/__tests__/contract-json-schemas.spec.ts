import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  AlertSentV1,
  CONTRACT_CLASSES,
  contractJsonSchemas,
  EngagementEventV1,
  LeadProfileUpdatedV1,
  LeadQualifiedV1,
  LeadStageChangedV1,
  parseContract,
  SalesFeedbackV1,
  ScoreChangedV1,
  type ContractJsonSchemaOptions,
  type JsonSchemaDialect,
} from '../index';

const engagementEvent = { eventId: 'evt-1', leadId: 'ada-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } };
const profileUpdate = {
  updateId: 'crm-7731',
  leadId: 'ada-1',
  updatedAt: '2026-11-24T10:00:00.123+01:00',
  traits: { email: 'ada@example.com', jobTitle: 'CTO', seniority: null, company: { employees: 250, annualRevenue: 1.5e7, country: null }, bant: { budget: true, need: null }, technologies: ['kafka'] },
};
const scoreChange = {
  scoreChangeId: 'sc-1',
  leadId: 'ada-1',
  causeEventId: 'evt-1',
  causeEventType: 'page_view',
  score: 163,
  delta: 15,
  engagement: 98,
  fit: 65,
  grade: 'A',
  firedRules: [{ ruleId: 'pricing_page_view', points: 15 }],
  engagementRules: [{ ruleId: 'pricing_page_view', points: 30 }],
  fitRules: [{ ruleId: 'senior_decision_maker', points: 20 }],
  causeProperties: { url: '/pricing' },
  profile: { email: 'ada@example.com' },
  modelVersion: 'b2b-default-2',
  occurredAt: '2026-11-24T10:00:00Z',
  scoredAt: '2026-11-24T10:00:00.204Z',
};
const leadQualified = {
  qualificationId: 'qual_3f9a0c6d',
  leadId: 'ada-1',
  stage: 'sql',
  previousStage: 'mql',
  rule: 'sql_fast_track',
  reason: { kind: 'fast_track', action: 'demo_requested', grade: 'A', minGrade: 'B' },
  score: 163,
  engagement: 98,
  fit: 65,
  grade: 'A',
  breakdown: { engagementRules: [{ ruleId: 'demo_requested', points: 40 }], fitRules: [{ ruleId: 'senior_decision_maker', points: 20 }] },
  topSignals: [{ ruleId: 'demo_requested', points: 40 }],
  journey: [{ at: '2026-11-24T10:00:00Z', type: 'demo_requested', ruleId: 'demo_requested', points: 40, detail: '/demo' }],
  profile: { email: 'ada@example.com' },
  causeEventId: 'evt-1',
  modelVersion: 'b2b-default-2',
  qualifiedAt: '2026-11-24T10:00:01.204Z',
};
const stageChange = {
  transitionId: 'tr-1',
  leadId: 'ada-1',
  from: 'sql',
  to: 'recycled',
  rule: 'sales_feedback:rejected',
  reason: { kind: 'sales_feedback' },
  actor: 'sam@example.com',
  at: '2026-11-26T15:02:00Z',
};
const salesFeedback = { feedbackId: 'crm-fb-881', leadId: 'ada-1', outcome: 'rejected', by: 'sam@example.com', reason: 'no budget this year', givenAt: '2026-11-26T15:02:00Z' };
const alertSent = { alertId: 'alert_qual-1_crm', qualificationId: 'qual-1', leadId: 'ada-1', channel: 'crm', channelType: 'webhook', team: 'emea', attempts: 1, deliveredAt: '2026-11-24T10:00:02Z' };

interface ContractCase {
  readonly name: string;
  readonly type: new () => object;
  readonly valid: Record<string, unknown>;
  /** Each breaks one rule of the contract, at the path said. */
  readonly invalid: readonly (readonly [path: string, payload: Record<string, unknown>])[];
}

const CASES: readonly ContractCase[] = [
  {
    name: 'EngagementEventV1',
    type: EngagementEventV1,
    valid: engagementEvent,
    invalid: [
      ['occurredAt without a zone', { ...engagementEvent, occurredAt: '2026-11-24T10:00:00' }],
      ['occurredAt that does not exist', { ...engagementEvent, occurredAt: '2026-02-30T10:00:00Z' }],
      ['eventId with a brace', { ...engagementEvent, eventId: 'evt{1}' }],
      ['type not snake_case', { ...engagementEvent, type: 'Page View' }],
      ['leadId missing', { eventId: 'evt-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z' }],
      ['properties not an object', { ...engagementEvent, properties: 'url' }],
    ],
  },
  {
    name: 'LeadProfileUpdatedV1',
    type: LeadProfileUpdatedV1,
    valid: profileUpdate,
    invalid: [
      ['traits missing', { ...profileUpdate, traits: undefined }],
      ['traits.company.employees negative', { ...profileUpdate, traits: { company: { employees: -1 } } }],
      ['traits.company.employees not whole', { ...profileUpdate, traits: { company: { employees: 2.5 } } }],
      ['traits.email not an e-mail address', { ...profileUpdate, traits: { email: 'ada' } }],
      ['traits.bant.budget not a boolean', { ...profileUpdate, traits: { bant: { budget: 'yes' } } }],
      ['traits.technologies not strings', { ...profileUpdate, traits: { technologies: [1] } }],
      ['traits.name empty', { ...profileUpdate, traits: { name: '' } }],
    ],
  },
  {
    name: 'ScoreChangedV1',
    type: ScoreChangedV1,
    valid: scoreChange,
    invalid: [
      ['grade unknown', { ...scoreChange, grade: 'E' }],
      ['score negative', { ...scoreChange, score: -1 }],
      ['firedRules[0].ruleId not a rule id', { ...scoreChange, firedRules: [{ ruleId: 'Pricing', points: 15 }] }],
      ['fitRules[0].points missing', { ...scoreChange, fitRules: [{ ruleId: 'senior_decision_maker' }] }],
      ['profile missing', { ...scoreChange, profile: undefined }],
    ],
  },
  {
    name: 'LeadQualifiedV1',
    type: LeadQualifiedV1,
    valid: leadQualified,
    invalid: [
      ['stage not qualified', { ...leadQualified, stage: 'opportunity' }],
      ['reason.kind unknown', { ...leadQualified, reason: { kind: 'gut_feeling' } }],
      ['reason without a kind', { ...leadQualified, reason: { action: 'demo_requested' } }],
      ['breakdown.fitRules missing', { ...leadQualified, breakdown: { engagementRules: [] } }],
      ['journey[0].at without a zone', { ...leadQualified, journey: [{ at: '2026-11-24 10:00', type: 'x', points: 1 }] }],
      ['qualifiedAt missing', { ...leadQualified, qualifiedAt: undefined }],
    ],
  },
  {
    name: 'LeadStageChangedV1',
    type: LeadStageChangedV1,
    valid: stageChange,
    invalid: [
      ['to unknown', { ...stageChange, to: 'lost' }],
      ['rule empty', { ...stageChange, rule: '' }],
      ['causeId with a space', { ...stageChange, causeId: 'e 1' }],
    ],
  },
  {
    name: 'SalesFeedbackV1',
    type: SalesFeedbackV1,
    valid: salesFeedback,
    invalid: [
      ['outcome unknown', { ...salesFeedback, outcome: 'maybe' }],
      ['by missing', { ...salesFeedback, by: undefined }],
      ['givenAt missing', { ...salesFeedback, givenAt: undefined }],
      ['reason too long', { ...salesFeedback, reason: 'x'.repeat(501) }],
    ],
  },
  {
    name: 'AlertSentV1',
    type: AlertSentV1,
    valid: alertSent,
    invalid: [
      ['channelType unknown', { ...alertSent, channelType: 'sms' }],
      ['attempts zero', { ...alertSent, attempts: 0 }],
    ],
  },
];

function validatorsFor(options: ContractJsonSchemaOptions & { dialect: JsonSchemaDialect }): (name: string) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema({ definitions: contractJsonSchemas({ ...options, refPointerPrefix: 'contracts.json#/definitions/' }) }, 'contracts.json');
  return (name) => {
    const validate = ajv.getSchema(`contracts.json#/definitions/${name}`);
    if (validate === undefined) throw new Error(`no schema ${name}`);
    return validate;
  };
}

function withoutUndefined(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
}

describe('contractJsonSchemas', () => {
  it('should have a schema for every contract class, the nested ones included', () => {
    const schemas = contractJsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(CONTRACT_CLASSES).sort());
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['ProfileTraitsV1', 'CompanyTraitsV1', 'BantTraitsV1', 'RulePointsV1', 'ScoreBreakdownV1', 'JourneyStepV1']));
    for (const { name } of CASES) expect(schemas[name]?.['description']).toEqual(expect.any(String));
  });

  describe.each(['json-schema-draft-07', 'openapi-3.0'] as const)('in the %s dialect', (dialect) => {
    const schemaOf = validatorsFor({ dialect });
    const closedSchemaOf = validatorsFor({ dialect, closed: true });

    describe.each(CASES)('$name', ({ name, type, valid, invalid }) => {
      it('should accept the valid example, as parseContract does', () => {
        expect(parseContract(type, valid).ok).toBe(true);
        const validate = schemaOf(name);
        expect(validate(valid) ? [] : validate.errors).toEqual([]);
        expect(closedSchemaOf(name)(valid)).toBe(true);
      });

      it.each(invalid)('should refuse %s, as parseContract does', (_why, payload) => {
        const bad = withoutUndefined(payload);
        expect(parseContract(type, bad).ok).toBe(false);
        expect(schemaOf(name)(bad)).toBe(false);
      });

      it('should refuse unknown fields only when closed, as the HTTP edge does', () => {
        const withTypo = { ...valid, leadID: 'typo' };
        expect(schemaOf(name)(withTypo)).toBe(true);
        expect(closedSchemaOf(name)(withTypo)).toBe(false);
        expect(parseContract(type, withTypo, { rejectUnknownFields: true }).ok).toBe(false);
      });
    });

    it('should let an optional field be null, as @IsOptional does, and a required one not', () => {
      const validate = schemaOf('SalesFeedbackV1');
      expect(parseContract(SalesFeedbackV1, { ...salesFeedback, reason: null }).ok).toBe(true);
      expect(validate({ ...salesFeedback, reason: null })).toBe(true);
      expect(parseContract(SalesFeedbackV1, { ...salesFeedback, by: null }).ok).toBe(false);
      expect(validate({ ...salesFeedback, by: null })).toBe(false);
      expect(schemaOf('LeadProfileUpdatedV1')({ ...profileUpdate, traits: { company: null, bant: null } })).toBe(true);
    });
  });

  it('should reference nested classes by $ref under the given prefix', () => {
    const schemas = contractJsonSchemas({ refPointerPrefix: '#/components/schemas/' });
    expect(schemas['LeadProfileUpdatedV1']?.['properties']).toMatchObject({ traits: { $ref: '#/components/schemas/ProfileTraitsV1' } });
    expect(schemas['ProfileTraitsV1']?.['properties']).toMatchObject({ company: { anyOf: [{ $ref: '#/components/schemas/CompanyTraitsV1' }, { type: 'null' }] } });
    expect(schemas['LeadQualifiedV1']?.['properties']).toMatchObject({
      breakdown: { $ref: '#/components/schemas/ScoreBreakdownV1' },
      journey: { type: 'array', items: { $ref: '#/components/schemas/JourneyStepV1' } },
      topSignals: { type: 'array', items: { $ref: '#/components/schemas/RulePointsV1' } },
    });
    const openApi = contractJsonSchemas({ refPointerPrefix: '#/x/', dialect: 'openapi-3.0' });
    expect(openApi['ProfileTraitsV1']?.['properties']).toMatchObject({ bant: { anyOf: [{ $ref: '#/x/BantTraitsV1' }, { type: 'object', nullable: true, enum: [null] }] } });
  });

  it('should describe ids, timestamps and kinded objects by what they are', () => {
    const properties = contractJsonSchemas()['LeadQualifiedV1']?.['properties'];
    expect(properties).toMatchObject({
      leadId: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:@+\\-/=]{1,128}$' },
      qualifiedAt: { type: 'string', format: 'date-time', pattern: expect.stringContaining('(Z|[+-]\\d{2}:\\d{2})$') },
      reason: { type: 'object', required: ['kind'], properties: { kind: { enum: ['score_threshold', 'fast_track', 'criteria', 'activities'] } } },
    });
  });
});
