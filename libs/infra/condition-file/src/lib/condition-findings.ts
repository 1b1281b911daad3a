import { patternProblem } from '@baton/scoring-domain';
import type { Finding, PathSegment } from '@baton/yaml-validation';
import { CONDITION_OPERATORS } from './condition.schema';

/**
 * A condition that names no operator or several, in one sentence (the schema's oneOf would list every branch).
 * Empty when it names exactly one.
 */
export function operatorFindings(condition: Readonly<Record<string, unknown>>, path: readonly PathSegment[]): Finding[] {
  const used = CONDITION_OPERATORS.map((keys) => keys.filter((key) => key in condition)).filter((keys) => keys.length > 0);
  if (used.length === 0) return [{ path, message: `needs an operator: one of ${CONDITION_OPERATORS.map((keys) => keys.join('/')).join(', ')}` }];
  if (used.length > 1) {
    const names = used.map((keys) => keys.join('/')).join(', ');
    return [{ path, message: `has ${used.length} operators (${names}): a condition takes exactly one, so write one condition for each test` }];
  }
  return [];
}

/**
 * What the schema cannot check in a condition: a pattern must compile on the engine that runs it (RE2, the very
 * check of the scoring domain's matcher), a range must be able to hold. Works on raw data, skipping what is malformed.
 */
export function conditionFindings(condition: Readonly<Record<string, unknown>>, path: readonly PathSegment[]): Finding[] {
  const findings: Finding[] = [];
  const pattern = condition['matches'];
  if (typeof pattern === 'string') {
    const problem = patternProblem(pattern);
    if (problem !== undefined) findings.push({ path: [...path, 'matches'], message: `is not a valid regular expression: ${problem}` });
  }
  const { min, max } = condition;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    findings.push({ path: [...path, 'min'], message: `must not be more than max (${max}): no value could match` });
  }
  return findings;
}
