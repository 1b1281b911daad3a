import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { ID_PATTERN, LEAD_STAGES } from '@baton/contracts';
import { TOP_SIGNALS } from '@baton/lifecycle-domain';
import { ApiProblemResponses, contractSchemaRef } from '@baton/service-runtime';

const STAGE: SchemaObject = { type: 'string', enum: [...LEAD_STAGES] };
const RATE: SchemaObject = { type: 'number', nullable: true, minimum: 0, maximum: 1, description: 'A fraction (4 decimals); null when there is nothing to divide by.' };

const LEAD_VIEW: SchemaObject = {
  type: 'object',
  required: ['leadId', 'stage', 'scores', 'topSignals', 'fitRules', 'profile', 'history', 'recentSignals', 'nextStages'],
  properties: {
    leadId: { type: 'string' },
    stage: STAGE,
    since: { type: 'string', format: 'date-time', description: 'When it entered this stage.' },
    scores: {
      type: 'object',
      description:
        'The scores as of now (`asOf`): engagement decayed to today under the model in force, with the figures the latest decision was taken on (`decided`, as of the time its cause entered the log).',
      required: ['score', 'engagement', 'fit', 'grade', 'asOf', 'decided'],
      properties: {
        score: { type: 'integer' },
        engagement: { type: 'integer' },
        fit: { type: 'integer' },
        grade: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
        modelVersion: { type: 'string' },
        asOf: { type: 'string', format: 'date-time' },
        decided: {
          type: 'object',
          required: ['score', 'engagement'],
          properties: { score: { type: 'integer' }, engagement: { type: 'integer' }, asOf: { type: 'string', format: 'date-time' } },
        },
      },
    },
    topSignals: { type: 'array', items: contractSchemaRef('RulePointsV1'), description: `The engagement rules that earned most (at most ${TOP_SIGNALS}).` },
    fitRules: { type: 'array', items: contractSchemaRef('RulePointsV1') },
    profile: { type: 'object', description: 'The merged profile traits.' },
    history: {
      type: 'array',
      description: 'Every transition, oldest first.',
      items: {
        type: 'object',
        properties: {
          from: STAGE,
          to: STAGE,
          at: { type: 'string', format: 'date-time' },
          rule: { type: 'string', example: 'sql_fast_track' },
          causeId: { type: 'string' },
          actor: { type: 'string' },
          modelVersion: { type: 'string' },
          reason: { type: 'object', description: 'Shaped by its `kind` (score_threshold, fast_track, criteria, activities, sales_feedback, ...).' },
        },
      },
    },
    recentSignals: { type: 'array', items: contractSchemaRef('JourneyStepV1'), description: 'The latest 20 journey steps, newest first.' },
    lastActivityAt: { type: 'string', format: 'date-time' },
    nextStages: {
      type: 'object',
      description:
        'Why not yet: for each stage above the lead\'s (left out when it cannot reach it), each path\'s gates with what the lead has (`value`) and what the path needs (`needed`), under the model in force, and `summary` in words, e.g. "MQL: engagement 32 of 50, grade B of at least C. SQL: no hand raised; or score 80 of 120 and BANT 1 of 3".',
      required: ['summary'],
      properties: {
        mql: { type: 'object', properties: { path: { type: 'string' }, gates: { type: 'array', items: { type: 'object' } } } },
        sql: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, gates: { type: 'array', items: { type: 'object' } } } } },
        summary: { type: 'string' },
      },
    },
    heldByFit: {
      type: 'object',
      description: 'A path to MQL or SQL the lead met in everything but its fit grade, while it stays in the stage that left it in.',
      required: ['rule', 'grade', 'minGrade', 'causeId', 'at'],
      properties: {
        rule: { type: 'string', description: 'The path (sql_fast_track, sql_criteria, sql_activities, mql_threshold).' },
        grade: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
        minGrade: { type: 'string', enum: ['A', 'B', 'C', 'D'] },
        causeId: { type: 'string' },
        at: { type: 'string', format: 'date-time' },
      },
    },
  },
};

const FUNNEL_REPORT: SchemaObject = {
  type: 'object',
  required: ['from', 'to', 'stageCounts', 'cohorts', 'mqlToSql', 'salesAcceptance'],
  properties: {
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    stageCounts: { type: 'object', description: "Every lead's stage now, whatever the range.", properties: Object.fromEntries(LEAD_STAGES.map((stage) => [stage, { type: 'integer', minimum: 0 }])) },
    cohorts: {
      type: 'array',
      description: 'The leads that first became an MQL in the range, by the week of it (weeks without MQLs left out); `sqls`: how many of them have reached SQL since.',
      items: {
        type: 'object',
        required: ['week', 'mqls', 'sqls', 'conversionRate'],
        properties: { week: { type: 'string', format: 'date', description: 'Its Monday (UTC).' }, mqls: { type: 'integer' }, sqls: { type: 'integer' }, conversionRate: RATE },
      },
    },
    mqlToSql: {
      type: 'object',
      required: ['mqls', 'sqls', 'conversionRate', 'medianHoursToSql'],
      properties: { mqls: { type: 'integer' }, sqls: { type: 'integer' }, conversionRate: RATE, medianHoursToSql: { type: 'number', nullable: true } },
    },
    salesAcceptance: {
      type: 'object',
      description: "Sales' first answer on the SQLs of those cohorts and on leads fast-tracked to SQL in the range.",
      required: ['accepted', 'rejected', 'rate'],
      properties: { accepted: { type: 'integer' }, rejected: { type: 'integer' }, rate: RATE },
    },
  },
};

/** Path and responses of `GET /v1/leads/:leadId`. */
export function ReadLeadApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiParam({ name: 'leadId', schema: { type: 'string', pattern: ID_PATTERN.source } }),
    ApiOkResponse({ description: 'The lead as sales sees it.', schema: LEAD_VIEW }),
    ApiProblemResponses(401, 403, [404, 'lifecycle has never had a score change for this lead (`LIFECYCLE.UNKNOWN_LEAD`).'], 429, 503),
  );
}

/** Query and responses of `GET /v1/funnel`. */
export function FunnelApiDocs(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiQuery({ name: 'from', required: true, description: 'The first UTC day of the MQL cohorts, inclusive.', schema: { type: 'string', format: 'date', example: '2026-11-01' } }),
    ApiQuery({ name: 'to', required: true, description: 'The last UTC day, inclusive; not before `from`.', schema: { type: 'string', format: 'date', example: '2026-11-30' } }),
    ApiOkResponse({ description: 'The funnel figures over the MQL cohorts of the range.', schema: FUNNEL_REPORT }),
    ApiProblemResponses([400, '`from` or `to` is not a date (YYYY-MM-DD), or `to` is before `from`: `errors` names them.'], 401, 403, 429, 503),
  );
}
