import type { ContractViolation } from './contract-violation';

/** Deeper than any payload of ours needs; deep enough nesting would exhaust the stack of the object mapping. */
export const MAX_JSON_DEPTH = 32;

// Names that reach an object's prototype when copied by assignment: refused wherever they appear, so that no
// payload can change what the validator or a consumer sees (or crash the mapping with `constructor: {}`).
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What makes a JSON value unsafe to map onto a contract class, before any mapping: nesting deeper than
 * MAX_JSON_DEPTH and prototype keys. Iterative, so that the check itself cannot overflow the stack.
 */
export function jsonShapeViolations(raw: unknown): ContractViolation[] {
  const violations: ContractViolation[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: raw, path: '', depth: 0 }];
  while (pending.length > 0 && violations.length < 10) {
    const { value, path, depth } = pending.pop() as { value: unknown; path: string; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      violations.push({ path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) violations.push({ path: child, message: 'is not allowed as a property name' });
      else pending.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return violations;
}

/**
 * No nesting deeper than MAX_JSON_DEPTH and no property named in `refusedKeys`, as a yes or no cheap enough for every
 * consumed message: it builds no paths. With the default keys, the same as jsonShapeViolations(raw).length === 0.
 * Recursive, but never deeper than MAX_JSON_DEPTH + 1 frames, as it stops there.
 */
export function fitsJsonShape(value: unknown, refusedKeys: ReadonlySet<string> = FORBIDDEN_KEYS, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!fitsJsonShape(item, refusedKeys, depth + 1)) return false;
    return true;
  }
  for (const key of Object.keys(value)) {
    if (refusedKeys.has(key) || !fitsJsonShape((value as Record<string, unknown>)[key], refusedKeys, depth + 1)) return false;
  }
  return true;
}
