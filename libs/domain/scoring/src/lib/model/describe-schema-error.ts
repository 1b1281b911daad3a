import type { ErrorObject } from 'ajv';
import schema from '../../../scoring-model.schema.json';
import { isRecord, valueAt, type ModelFinding, type PathSegment } from './model-path';

const RESERVED_ID_PREFIX = 'intent_';

/** What each pattern of the schema asks for, in words (ajv would print the regular expression). */
const PATTERN_MESSAGES: ReadonlyMap<string, (value: unknown) => string> = new Map<string, (value: unknown) => string>([
  [schema.properties.version.pattern, () => 'must start with a letter or digit, then letters, digits, ".", "_" or "-" (64 characters at most)'],
  [
    schema.definitions.ruleId.pattern,
    (value: unknown) =>
      typeof value === 'string' && value.startsWith(RESERVED_ID_PREFIX)
        ? `must not start with "${RESERVED_ID_PREFIX}", which is kept for the ids of the search-intent classes`
        : 'must be snake_case: a lowercase letter, then lowercase letters, digits or _ (64 characters at most)',
  ],
  [schema.definitions.eventType.pattern, () => 'must be an event type in snake_case: a lowercase letter, then lowercase letters, digits or _ (64 at most)'],
  [schema.definitions.field.pattern, () => 'must be a field name, dotted for nesting (company.industry): letters, digits and _, not starting with a digit'],
  [schema.definitions.intentClass.properties.keywords.items.pattern, () => 'must not be blank'],
  [
    schema.definitions.sqlRules.properties.activities.properties.rules.items.pattern,
    () => 'must be a rule id in snake_case: an engagement rule of this model or intent_<class> (intent_transactional)',
  ],
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

/** One ajv error in the words of someone editing the YAML file. */
export function describeSchemaError(error: ErrorObject, data: unknown): ModelFinding {
  const path = instanceSegments(error.instancePath, data);
  const params: Readonly<Record<string, unknown>> = error.params;
  const limit = String(params['limit']);
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params['missingProperty'])], message: 'is required' };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const properties: unknown = isRecord(error.parentSchema) ? error.parentSchema['properties'] : undefined;
      return { path: [...path, key], message: unknownKeyMessage(key, isRecord(properties) ? Object.keys(properties) : []) };
    }
    case 'type':
      return { path, message: `must be ${listWords(String(params['type']).split(',').map((type) => TYPE_NAMES[type] ?? type), 'or')}` };
    case 'enum':
      return { path, message: `must be one of ${asList(params['allowedValues']).join(', ')}` };
    case 'const':
      return { path, message: `must be ${String(params['allowedValue'])}` };
    case 'minimum':
      return { path, message: `must be at least ${limit}` };
    case 'maximum':
      return { path, message: `must be at most ${limit}` };
    case 'exclusiveMinimum':
      return { path, message: `must be more than ${limit}` };
    case 'minLength':
      return { path, message: limit === '1' ? 'must not be empty' : `must be at least ${limit} characters` };
    case 'maxLength':
      return { path, message: `must be at most ${limit} characters` };
    case 'minItems':
      return { path, message: limit === '1' ? 'must not be empty: list at least one' : `must list at least ${limit}` };
    case 'maxItems':
      return { path, message: `must list at most ${limit}` };
    case 'uniqueItems':
      return { path, message: `lists ${JSON.stringify(valueAt(data, [...path, Number(params['i'])]))} twice` };
    case 'pattern':
      return { path, message: PATTERN_MESSAGES.get(String(params['pattern']))?.(error.data) ?? `must match the pattern ${String(params['pattern'])}` };
    case 'not':
      // The schema's only `not` is points != 0.
      return { path, message: 'must not be 0: a rule worth no points does nothing, remove it instead' };
    default:
      return { path, message: error.message ?? 'is not valid here' };
  }
}

/** `unknown key "matchs" (did you mean "matches"?)`: most unknown keys are typos of allowed ones. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const typo = key.toLowerCase();
  const near = allowed.find((candidate) => typoDistance(candidate.toLowerCase(), typo) <= (candidate.length <= 4 ? 1 : 2));
  return near === undefined ? `unknown key "${key}"` : `unknown key "${key}" (did you mean "${near}"?)`;
}

/** A JSON pointer as path segments, indexes as numbers where the data holds a list. */
export function instanceSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path.push(Array.isArray(valueAt(data, path)) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function listWords(words: readonly string[], conjunction: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1] ?? ''}`;
}

/** Edits between two words, a swap of neighbours counting as one (optimal string alignment). */
function typoDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] ?? [])[j] = best;
    }
  }
  return at(a.length, b.length);
}
