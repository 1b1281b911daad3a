/** One reason a payload does not satisfy a contract; `path` names the field (`events[2].occurredAt`). */
export interface ContractViolation {
  readonly path: string;
  readonly message: string;
}

export type ContractParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly violations: readonly ContractViolation[] };

export function prefixViolations(prefix: string, violations: readonly ContractViolation[]): ContractViolation[] {
  return violations.map((violation) => ({
    path: violation.path === '' ? prefix : violation.path.startsWith('[') ? `${prefix}${violation.path}` : `${prefix}.${violation.path}`,
    message: violation.message,
  }));
}
