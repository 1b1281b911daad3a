import fc from 'fast-check';
import { stringify } from 'yaml';
import type { ConditionFile } from '@baton/condition-file';
import {
  CAP_PERIODS,
  FIT_CATEGORIES,
  INTENT_CLASSES,
  intentRuleId,
  type Cap,
  type Condition,
  type DecayPolicy,
  type DisqualifyRule,
  type EngagementRule,
  type FitGate,
  type FitRule,
  type Grade,
  type IntentClassRule,
  type ScoringModel,
  type StageRules,
} from '@baton/scoring-domain';
import { parseScoringModel } from '../parse-scoring-model';
import type { CapFile, ScoringModelFile } from '../scoring-model-file';

// Small valid models in the engine's shape; the test writes each as a file the way a person would (the
// inverse of the parser's mapping, written independently here) and expects the parser to give it back.

const id = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((value) => !value.startsWith('intent_'));
// Common types often, so that rules share event types (and the hidden-rule check is exercised).
const eventType = fc.oneof(fc.constantFrom('page_view', 'email_opened'), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/));
const field = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}(\.[A-Za-z_][A-Za-z0-9_]{0,5}){0,2}$/);
// -0 would be a distinct value to fast-check but a duplicate to JSON Schema's uniqueItems.
const number = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })).map((value) => value + 0);
// Strings YAML must quote to keep them strings ("yes", "1e3", "null", "- x", "#") come up here.
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('yes', 'no', 'null', '~', '1e3', '0x1F', '- x', '#', ': ', 'true', ''));
const points = fc.integer({ min: -1000, max: 1000 }).filter((value) => value !== 0);
const description = fc.string({ minLength: 1, maxLength: 40 });

const cap: fc.Arbitrary<Cap> = fc.oneof(
  fc.record({ per: fc.constantFrom(...CAP_PERIODS), maxPoints: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ per: fc.constantFrom(...CAP_PERIODS), maxOccurrences: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ per: fc.constantFrom(...CAP_PERIODS), maxPoints: fc.integer({ min: 1, max: 500 }), maxOccurrences: fc.integer({ min: 1, max: 50 }) }),
);

const regexSource = fc.oneof(
  fc.constantFrom('/pricing', '/careers|/jobs', '\\b(vp|head)\\b', '^[a-z]+$', '\\d{3,}', 'a.b'),
  fc.string({ minLength: 1, maxLength: 20 }).map((literal) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
);

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field, op: fc.constant('equals' as const), value: fc.oneof(text, number, fc.boolean()) }),
  fc.record({ field, op: fc.constant('in' as const), values: fc.uniqueArray(fc.oneof(text, number), { minLength: 1, maxLength: 4 }) }),
  fc.record({ field, op: fc.constant('matches' as const), pattern: regexSource }),
  fc.tuple(field, number, number, fc.constantFrom('both', 'min', 'max')).map(([name, a, b, bounds]): Condition => {
    const [min, max] = a <= b ? [a, b] : [b, a];
    if (bounds === 'min') return { field: name, op: 'range', min };
    if (bounds === 'max') return { field: name, op: 'range', max };
    return { field: name, op: 'range', min, max };
  }),
  fc.record({ field, op: fc.constant('exists' as const), exists: fc.boolean() }),
);

const decay: fc.Arbitrary<DecayPolicy> = fc.oneof(
  fc.constant({ mode: 'none' as const }),
  fc.record({ mode: fc.constant('half_life' as const), halfLifeDays: fc.double({ min: 0, max: 3650, minExcluded: true, noNaN: true }) }),
  fc.record({ mode: fc.constant('linear' as const), points: fc.integer({ min: 1, max: 1000 }), periodDays: fc.integer({ min: 1, max: 3650 }) }),
  fc.record({ mode: fc.constant('window' as const), days: fc.integer({ min: 1, max: 3650 }) }),
);

const keyword = fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.option(fc.stringMatching(/^[a-z]{1,8}$/), { nil: undefined })).map(([first, second]) => (second ? `${first} ${second}` : first));

const intentClass: fc.Arbitrary<IntentClassRule> = fc.record(
  { keywords: fc.uniqueArray(keyword, { minLength: 1, maxLength: 4 }), points: fc.integer({ min: 0, max: 1000 }), cap },
  { requiredKeys: ['keywords', 'points'] },
);

function engagementRule(ruleId: string): fc.Arbitrary<EngagementRule> {
  return fc.record(
    { id: fc.constant(ruleId), description, events: fc.uniqueArray(eventType, { minLength: 1, maxLength: 3 }), when: fc.array(condition, { maxLength: 3 }), points, cap },
    { requiredKeys: ['id', 'events', 'when', 'points'] },
  );
}

function fitRule(ruleId: string): fc.Arbitrary<FitRule> {
  return fc.record(
    { id: fc.constant(ruleId), description, category: fc.constantFrom(...FIT_CATEGORIES), when: fc.array(condition, { minLength: 1, maxLength: 3 }), points },
    { requiredKeys: ['id', 'category', 'when', 'points'] },
  );
}

function disqualifyRule(ruleId: string): fc.Arbitrary<DisqualifyRule> {
  return fc
    .record({ id: fc.constant(ruleId), description, events: fc.uniqueArray(eventType, { minLength: 1, maxLength: 3 }), when: fc.array(condition, { maxLength: 3 }) }, { requiredKeys: ['id', 'when'] })
    .filter((rule) => rule.events !== undefined || rule.when.length > 0); // a profile rule needs a condition
}

/** A path's fit gate: A to C as it is, the lowest grade only with its reason (a model without one is refused). */
const fitGate: fc.Arbitrary<FitGate> = fc.oneof(
  fc.record({ minGrade: fc.constantFrom<Grade>('A', 'B', 'C') }),
  fc.record({ minGrade: fc.constant<Grade>('D'), lowestGradeBecause: fc.stringMatching(/^[a-z][a-z ]{9,60}[a-z]$/) }),
);

function gated<T extends object>(path: fc.Arbitrary<T>): fc.Arbitrary<T & FitGate> {
  return fc.tuple(path, fitGate).map(([rule, gate]) => ({ ...rule, ...gate }));
}

/** Valid stages: an SQL score above the MQL engagement, activities among the model's engagement rules and intent classes. */
function stages(engagementIds: readonly string[], disqualifyIds: readonly string[]): fc.Arbitrary<StageRules> {
  const activityIds = [...engagementIds, ...INTENT_CLASSES.map(intentRuleId)];
  const activities = fc
    .shuffledSubarray(activityIds, { minLength: 1, maxLength: Math.min(5, activityIds.length) })
    .chain((rules) => gated(fc.record({ rules: fc.constant(rules), distinct: fc.integer({ min: 1, max: rules.length }), withinDays: fc.integer({ min: 1, max: 3650 }) })));
  return fc
    .record({
      contact: fc
        .record({ events: fc.uniqueArray(eventType, { maxLength: 3 }), traits: fc.uniqueArray(field, { maxLength: 2 }) })
        .filter((contact) => contact.events.length + contact.traits.length > 0),
      mql: gated(fc.record({ minEngagement: fc.integer({ min: 1, max: 1000 }) })),
      sql: fc
        .record(
          {
            fastTrack: gated(fc.record({ events: fc.uniqueArray(eventType, { minLength: 1, maxLength: 3 }) })),
            criteria: gated(fc.record({ minScore: fc.integer({ min: 1, max: 1000 }), bantAtLeast: fc.integer({ min: 1, max: 4 }) })),
            activities,
          },
          { requiredKeys: [] },
        )
        .filter((sql) => Object.keys(sql).length > 0),
      recycle: fc.record({ inactiveDays: fc.integer({ min: 1, max: 3650 }), requalifyGain: fc.integer({ min: 0, max: 1000 }) }),
      disqualify: fc.tuple(...disqualifyIds.map(disqualifyRule)),
    })
    .map((value) =>
      // minScore as drawn is how far above the MQL engagement the SQL bar sits.
      value.sql.criteria === undefined ? value : { ...value, sql: { ...value.sql, criteria: { ...value.sql.criteria, minScore: value.mql.minEngagement + value.sql.criteria.minScore } } },
    );
}

/** First match wins: a rule below an unconditional one covering all its event types is rejected, so skip those. */
function noHiddenRules(rules: readonly EngagementRule[]): boolean {
  return rules.every((rule, index) => rules.slice(0, index).every((earlier) => earlier.when.length > 0 || !rule.events.every((type) => earlier.events.includes(type))));
}

const model: fc.Arbitrary<ScoringModel> = fc
  .tuple(fc.uniqueArray(id, { maxLength: 10 }), fc.nat(10), fc.nat(10), fc.uniqueArray(fc.nat(200), { minLength: 3, maxLength: 3 }))
  .chain(([ids, first, second, grades]) => {
    // One id namespace: engagement, fit and disqualify rules take disjoint slices of unique ids.
    const [fitFrom, disqualifyFrom] = first <= second ? [first, second] : [second, first];
    const engagementIds = ids.slice(0, fitFrom);
    const fitIds = ids.slice(fitFrom, disqualifyFrom);
    const disqualifyIds = ids.slice(disqualifyFrom);
    const [A = 0, B = 0, C = 0] = [...grades].sort((a, b) => b - a);
    return fc.record(
      {
        version: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/),
        description,
        engagement: fc.record({
          decay,
          rules: fc.tuple(...engagementIds.map(engagementRule)).filter(noHiddenRules),
          intent: fc.record({
            queryProperties: fc.uniqueArray(field, { maxLength: 3 }),
            referrerProperties: fc.uniqueArray(field, { maxLength: 2 }),
            classes: fc.record({ awareness: intentClass, consideration: intentClass, evaluation: intentClass, transactional: intentClass }),
          }),
        }),
        fit: fc.record({ grades: fc.constant({ A, B, C }), rules: fc.tuple(...fitIds.map(fitRule)) }),
        stages: stages(engagementIds, disqualifyIds),
      },
      { requiredKeys: ['version', 'engagement', 'fit', 'stages'] },
    );
  });

/** A model as someone would write it: one event as `event`, no empty `when`, operators as keys. */
function toFile(scoringModel: ScoringModel): ScoringModelFile {
  const { engagement, fit, stages: stageRules } = scoringModel;
  return {
    version: scoringModel.version,
    ...(scoringModel.description === undefined ? {} : { description: scoringModel.description }),
    engagement: {
      decay: engagement.decay,
      rules: engagement.rules.map((rule) => ({
        id: rule.id,
        ...(rule.description === undefined ? {} : { description: rule.description }),
        ...(rule.events.length === 1 ? { event: rule.events[0] } : { events: rule.events }),
        ...(rule.when.length === 0 ? {} : { when: rule.when.map(conditionFile) }),
        points: rule.points,
        ...(rule.cap === undefined ? {} : { cap: capFile(rule.cap) }),
      })),
      intent: {
        queryProperties: engagement.intent.queryProperties,
        referrerProperties: engagement.intent.referrerProperties,
        ...Object.fromEntries(
          INTENT_CLASSES.map((name) => {
            const rule = engagement.intent.classes[name];
            return [name, { points: rule.points, keywords: rule.keywords, ...(rule.cap === undefined ? {} : { cap: capFile(rule.cap) }) }];
          }),
        ),
      } as ScoringModelFile['engagement']['intent'],
    },
    fit: {
      grades: fit.grades,
      rules: fit.rules.map((rule) => ({ ...rule, when: rule.when.map(conditionFile) })),
    },
    stages: {
      ...stageRules,
      disqualify: stageRules.disqualify.map((rule) => ({
        id: rule.id,
        ...(rule.description === undefined ? {} : { description: rule.description }),
        ...(rule.events === undefined ? {} : { events: rule.events }),
        ...(rule.when.length === 0 ? {} : { when: rule.when.map(conditionFile) }),
      })),
    },
  };
}

function capFile(value: Cap): CapFile {
  return { ...value };
}

function conditionFile(value: Condition): ConditionFile {
  switch (value.op) {
    case 'equals':
      return { field: value.field, equals: value.value };
    case 'in':
      return { field: value.field, in: value.values };
    case 'matches':
      return { field: value.field, matches: value.pattern };
    case 'range':
      return { field: value.field, ...(value.min === undefined ? {} : { min: value.min }), ...(value.max === undefined ? {} : { max: value.max }) };
    case 'exists':
      return { field: value.field, exists: value.exists };
  }
}

describe('parseScoringModel round trip', () => {
  it('should give back any valid model written as YAML', () => {
    fc.assert(
      fc.property(model, (original) => {
        expect(parseScoringModel(stringify(toFile(original)))).toEqual(original);
      }),
      { numRuns: 200 },
    );
  });

  it('should give back the same model from YAML written in flow style', () => {
    fc.assert(
      fc.property(model, (original) => {
        expect(parseScoringModel(stringify(toFile(original), { collectionStyle: 'flow' }))).toEqual(original);
      }),
      { numRuns: 50 },
    );
  });
});
