import { CONDITION_OPERATORS, operatorFindings } from '@baton/condition-file';
import { instanceSegments, isRecord, valueAt, type Finding, type PathSegment } from '@baton/yaml-validation';
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { describeSchemaError, unknownKeyMessage } from './describe-schema-error';
import { SCORING_MODEL_SCHEMA } from './scoring-model.schema';

/**
 * How the parser runs ajv. strictRequired is off because a oneOf branch requiring `event` names a property
 * declared beside the branches, which that check flags; inlineRefs is off so that every error's schemaPath
 * starts at the definition it comes from, which is what lets branch errors be told apart (outerComposite).
 */
export const SCHEMA_VALIDATOR_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  inlineRefs: false,
  verbose: true,
};

let validator: ValidateFunction | undefined;

/** Problems scoring-model.schema.json finds, one readable message per mistake. */
export function schemaFindings(data: unknown): Finding[] {
  if (data === null || data === undefined) {
    return [{ path: [], message: 'is empty: a model needs at least version, engagement, fit and stages' }];
  }
  validator ??= new Ajv(SCHEMA_VALIDATOR_OPTIONS).compile(SCORING_MODEL_SCHEMA);
  if (validator(data)) return [];
  return collapseShapeErrors(validator.errors ?? [], data);
}

interface BranchError {
  readonly error: ErrorObject;
  readonly branch: number;
}

/**
 * ajv reports a failed oneOf/anyOf with every branch's errors ("must have required property halfLifeDays",
 * "must be equal to constant none", ...). A reader wants the one that applies: the branch the data chose (by
 * decay mode, by condition operator) or, when it chose none or several, one sentence saying so.
 */
function collapseShapeErrors(errors: readonly ErrorObject[], data: unknown): Finding[] {
  const branches = new Map<string, BranchError[]>();
  const composites: ErrorObject[] = [];
  const plain: ErrorObject[] = [];
  for (const error of errors) {
    const outer = outerComposite(error);
    if (outer !== undefined) branches.set(outer.key, [...(branches.get(outer.key) ?? []), { error, branch: outer.branch }]);
    else if (error.keyword === 'oneOf' || error.keyword === 'anyOf') composites.push(error);
    else plain.push(error);
  }
  const findings: Finding[] = plain.map((error) => describeSchemaError(error, data));
  for (const composite of composites) {
    const path = instanceSegments(composite.instancePath, data);
    const chosen = branches.get(`${composite.instancePath}${composite.schemaPath}`) ?? [];
    findings.push(...resolveShape(path, valueAt(data, path), chosen, data));
  }
  return findings;
}

const DECAY_MODES: readonly unknown[] = SCORING_MODEL_SCHEMA.definitions.decay.oneOf.map((branch) => branch.properties.mode.const);

function resolveShape(path: readonly PathSegment[], value: unknown, branchErrors: readonly BranchError[], data: unknown): Finding[] {
  // Not a mapping at all: the definition's own `type: object` already says so.
  if (!isRecord(value)) return [];
  const fromBranch = (index: number): Finding[] => branchErrors.filter((entry) => entry.branch === index).map((entry) => describeSchemaError(entry.error, data));
  const last = path[path.length - 1];
  const parent = path[path.length - 2];

  if (last === 'decay') {
    if (!('mode' in value)) return []; // the missing mode is reported on its own
    const index = DECAY_MODES.indexOf(value['mode']);
    if (index >= 0) return fromBranch(index);
    return [{ path: [...path, 'mode'], message: `must be one of ${DECAY_MODES.join(', ')}` }];
  }

  if (parent === 'when') {
    const used = CONDITION_OPERATORS.map((keys) => keys.filter((key) => key in value)).filter((keys) => keys.length > 0);
    if (used.length === 1) return fromBranch(CONDITION_OPERATORS.findIndex((keys) => keys.includes(used[0]?.[0] ?? '')));
    const known = new Set(['field', ...CONDITION_OPERATORS.flat()]);
    const unknown = Object.keys(value).filter((key) => !known.has(key));
    const unknownFindings = unknown.map((key) => ({ path: [...path, key], message: unknownKeyMessage(key, [...known]) }));
    if (used.length > 1) return [...unknownFindings, ...operatorFindings(value, path)];
    if (unknownFindings.length > 0) return unknownFindings;
    return operatorFindings(value, path);
  }

  if (last === 'cap') return [{ path, message: 'needs maxPoints, maxOccurrences or both' }];

  if (last === 'sql' && path[0] === 'stages') {
    return [{ path, message: 'needs fastTrack, criteria or activities: at least one way for a lead to become an SQL' }];
  }

  if (typeof last === 'number' && parent === 'disqualify' && path[0] === 'stages') {
    return [{ path, message: 'needs when (conditions on the profile) or events (event types, with or without when)' }];
  }

  if (typeof last === 'number' && parent === 'rules' && path[0] === 'engagement') {
    return 'event' in value && 'events' in value
      ? [{ path, message: 'has both event and events: give one type as event, or several as events' }]
      : [{ path, message: 'needs event (one event type) or events (a list of them)' }];
  }

  return [{ path, message: 'does not have any of the allowed shapes' }];
}

/**
 * The first oneOf/anyOf branch an error sits in, and where that composite is in the data. With inlineRefs off
 * a schemaPath starts at its definition, so the composite's data location is the error's location less the
 * steps (`properties/x`, `items`) the schemaPath takes after the composite.
 */
function outerComposite(error: ErrorObject): { key: string; branch: number } | undefined {
  const steps = error.schemaPath.split('/');
  let consumed = 0;
  let found: { index: number; consumedBefore: number } | undefined;
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i];
    if (step === 'properties') {
      consumed++;
      i++;
    } else if (step === 'items') {
      consumed++;
    } else if (found === undefined && (step === 'oneOf' || step === 'anyOf') && /^\d+$/.test(steps[i + 1] ?? '')) {
      found = { index: i, consumedBefore: consumed };
    }
  }
  if (found === undefined) return undefined;
  const instance = error.instancePath === '' ? [] : error.instancePath.split('/').slice(1);
  const compositeInstance = instance.slice(0, instance.length - consumed + found.consumedBefore);
  const pointer = compositeInstance.map((segment) => `/${segment}`).join('');
  return { key: `${pointer}${steps.slice(0, found.index + 1).join('/')}`, branch: Number(steps[found.index + 1]) };
}
