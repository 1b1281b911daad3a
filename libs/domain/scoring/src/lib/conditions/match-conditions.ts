import type { Condition } from '../model/scoring-model';
import { patternMatches } from './match-pattern';

/** Event properties or profile traits: whatever a rule's conditions look into. */
export type FieldSource = Readonly<Record<string, unknown>>;

/** The value at a dotted path (`company.industry`), or undefined. Own properties only: `__proto__` finds nothing. */
export function valueAt(source: FieldSource, path: string): unknown {
  let current: unknown = source;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function allConditionsHold(conditions: readonly Condition[], source: FieldSource): boolean {
  return conditions.every((condition) => conditionHolds(condition, source));
}

/** On a list (technologies), a test holds when it holds for any element; `exists` looks at the field itself. */
export function conditionHolds(condition: Condition, source: FieldSource): boolean {
  const value = valueAt(source, condition.field);
  if (condition.op === 'exists') return isPresent(value) === condition.exists;
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.some((candidate) => testScalar(condition, candidate));
}

function testScalar(condition: Exclude<Condition, { op: 'exists' }>, value: unknown): boolean {
  switch (condition.op) {
    case 'equals':
      return sameValue(value, condition.value);
    case 'in':
      return condition.values.some((expected) => sameValue(value, expected));
    case 'matches':
      return (typeof value === 'string' || typeof value === 'number') && patternMatches(condition.pattern, String(value));
    case 'range': {
      const number = asNumber(value);
      return number !== undefined && (condition.min === undefined || number >= condition.min) && (condition.max === undefined || number <= condition.max);
    }
  }
}

/** Strings compare ignoring case and surrounding spaces: "Software" in a CRM is "software" in the model. */
function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'string') return typeof actual === 'string' && actual.trim().toLowerCase() === expected.trim().toLowerCase();
  if (typeof expected === 'number') return asNumber(actual) === expected;
  return actual === expected;
}

/** Event properties often carry numbers as strings ("250"): those count as numbers. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}
