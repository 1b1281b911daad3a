import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  EMAIL_PATTERN,
  ENV_NAME_PATTERN,
  FIELD_PATTERN,
  FROM_PATTERN,
  HTTP_URL_PATTERN,
  ID_PATTERN,
  OWNER_ID_PATTERN,
  ROUTING_SCHEMA,
  SLACK_USER_ID_PATTERN,
  SMTP_URL_PATTERN,
} from './routing.schema';
import type { Finding, PathSegment } from './yaml-source';

let validator: ValidateFunction | undefined;

const PATTERN_MESSAGES: ReadonlyMap<string, string> = new Map([
  [ID_PATTERN, 'must be an id: a lowercase letter, then lowercase letters, digits or "-" (64 characters at most)'],
  [ENV_NAME_PATTERN, 'must be the name of an environment variable (upper case letters, digits and _)'],
  [OWNER_ID_PATTERN, 'must be an owner id: letters, digits, ".", "_" or "-" (64 characters at most)'],
  [FIELD_PATTERN, 'must be a field of the LeadQualified event, dotted for nesting (profile.company.country)'],
  [HTTP_URL_PATTERN, 'must be an http(s) URL'],
  [SMTP_URL_PATTERN, 'must be an smtp:// or smtps:// URL'],
  [EMAIL_PATTERN, 'must be an e-mail address'],
  [FROM_PATTERN, 'must be an e-mail address, optionally with a name: Baton <alerts@example.com>'],
  [SLACK_USER_ID_PATTERN, 'must be a Slack member id (U012AB3CD)'],
]);

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

/** What routing.schema.ts finds, one readable message per mistake. */
export function schemaFindings(data: unknown): Finding[] {
  if (data === null || data === undefined) return [{ path: [], message: 'is empty: a routing file needs at least version, channels and default' }];
  validator ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, inlineRefs: false, verbose: true }).compile(ROUTING_SCHEMA);
  if (validator(data)) return [];
  return (validator.errors ?? []).filter(isReadable).map((error) => describe(error, data));
}

/**
 * `if` says only that a `then` failed (whose own errors follow); a condition's oneOf lists every operator it
 * lacks, which the semantic checks say in one sentence instead.
 */
function isReadable(error: ErrorObject): boolean {
  return error.keyword !== 'if' && !error.schemaPath.includes('/oneOf') && !error.schemaPath.includes('/propertyNames/');
}

function describe(error: ErrorObject, data: unknown): Finding {
  const path = instanceSegments(error.instancePath, data);
  const params: Readonly<Record<string, unknown>> = error.params;
  const limit = String(params['limit']);
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params['missingProperty'])], message: 'is required' };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const properties: unknown = isRecord(error.parentSchema) ? error.parentSchema['properties'] : undefined;
      const allowed = isRecord(properties) ? Object.keys(properties) : [];
      return { path: [...path, key], message: allowed.length > 0 ? `unknown key "${key}" (allowed: ${allowed.join(', ')})` : `unknown key "${key}"` };
    }
    case 'propertyNames':
      return { path: [...path, String(params['propertyName'])], message: PATTERN_MESSAGES.get(ID_PATTERN) ?? 'is not a valid id' };
    case 'type':
      return { path, message: `must be ${String(params['type']).split(',').map((type) => TYPE_NAMES[type] ?? type).join(' or ')}` };
    case 'enum':
      return { path, message: `must be one of ${asList(params['allowedValues']).join(', ')}` };
    case 'const':
      return { path, message: `must be ${String(params['allowedValue'])}` };
    case 'minimum':
      return { path, message: `must be at least ${limit}` };
    case 'maximum':
      return { path, message: `must be at most ${limit}` };
    case 'minLength':
      return { path, message: limit === '1' ? 'must not be empty' : `must be at least ${limit} characters` };
    case 'maxLength':
      return { path, message: `must be at most ${limit} characters` };
    case 'minItems':
      return { path, message: limit === '1' ? 'must not be empty: list at least one' : `must list at least ${limit}` };
    case 'maxItems':
      return { path, message: `must list at most ${limit}` };
    case 'minProperties':
      return { path, message: 'must define at least one' };
    case 'uniqueItems':
      return { path, message: `lists ${JSON.stringify(valueAt(data, [...path, Number(params['i'])]))} twice` };
    case 'pattern':
      return { path, message: PATTERN_MESSAGES.get(String(params['pattern'])) ?? `must match the pattern ${String(params['pattern'])}` };
    default:
      return { path, message: error.message ?? 'is not valid here' };
  }
}

/** A JSON pointer as path segments, indexes as numbers where the data holds a list. */
function instanceSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path.push(Array.isArray(valueAt(data, path)) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) value = value[segment];
    else return undefined;
  }
  return value;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
