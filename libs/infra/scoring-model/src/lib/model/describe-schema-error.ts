import { describeSchemaError as describeFileSchemaError, instanceSegments, type Finding, type SchemaErrorWording } from '@baton/yaml-validation';
import type { ErrorObject } from 'ajv';
import schema from '../../../scoring-model.schema.json';

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

/** How this model's file is worded: patterns in words, and unknown keys with the allowed key they are likely a typo of. */
const WORDING: SchemaErrorWording = {
  pattern: (pattern, value) => PATTERN_MESSAGES.get(pattern)?.(value),
  unknownKey: unknownKeyMessage,
};

/** One ajv error in the words of someone editing the YAML file. */
export function describeSchemaError(error: ErrorObject, data: unknown): Finding {
  // The schema's only `not` is points != 0.
  if (error.keyword === 'not') return { path: instanceSegments(error.instancePath, data), message: 'must not be 0: a rule worth no points does nothing, remove it instead' };
  return describeFileSchemaError(error, data, WORDING);
}

/** `unknown key "matchs" (did you mean "matches"?)`: most unknown keys are typos of allowed ones. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const typo = key.toLowerCase();
  const near = allowed.find((candidate) => typoDistance(candidate.toLowerCase(), typo) <= (candidate.length <= 4 ? 1 : 2));
  return near === undefined ? `unknown key "${key}"` : `unknown key "${key}" (did you mean "${near}"?)`;
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
