import { describeSchemaError, instanceSegments, type Finding, type SchemaErrorWording } from '@baton/yaml-validation';
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

/** How the routing file is worded: patterns in words, unknown keys with the keys allowed there. */
const WORDING: SchemaErrorWording = {
  pattern: (pattern) => PATTERN_MESSAGES.get(pattern),
  unknownKey: (key, allowed) => (allowed.length > 0 ? `unknown key "${key}" (allowed: ${allowed.join(', ')})` : `unknown key "${key}"`),
  typeNames: (names) => names.join(' or '),
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
  // The schema's only propertyNames are the ids of channels and teams.
  if (error.keyword === 'propertyNames') {
    const params: Readonly<Record<string, unknown>> = error.params;
    return { path: [...instanceSegments(error.instancePath, data), String(params['propertyName'])], message: PATTERN_MESSAGES.get(ID_PATTERN) ?? 'is not a valid id' };
  }
  return describeSchemaError(error, data, WORDING);
}
