import type { Condition } from '@baton/scoring-domain';

/**
 * A condition as written in a YAML file (the scoring model's rules, the notifier's routes), once
 * condition.schema.json has accepted it: the field and exactly one operator as a key, `min` and `max` together
 * being one (a range).
 */
export type ConditionFile =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly in: readonly (string | number)[] }
  | { readonly field: string; readonly matches: string }
  | { readonly field: string; readonly min?: number; readonly max?: number }
  | { readonly field: string; readonly exists: boolean };

/** The engine's shape of a checked condition: the operator as `op`, optional bounds left out rather than undefined. */
export function toCondition(condition: ConditionFile): Condition {
  const { field } = condition;
  if ('equals' in condition) return { field, op: 'equals', value: condition.equals };
  if ('in' in condition) return { field, op: 'in', values: [...condition.in] };
  if ('matches' in condition) return { field, op: 'matches', pattern: condition.matches };
  if ('exists' in condition) return { field, op: 'exists', exists: condition.exists };
  return {
    field,
    op: 'range',
    ...(condition.min === undefined ? {} : { min: condition.min }),
    ...(condition.max === undefined ? {} : { max: condition.max }),
  };
}
