import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { compiledContractDecoder } from './compiled-contract-decoder';
import type { ContractParseResult, ContractViolation } from './contract-violation';
import { jsonShapeViolations } from './json-shape';

export interface ParseContractOptions {
  /**
   * Refuse fields the contract does not know. The HTTP edge does, so a typo is reported instead of lost;
   * Kafka consumers do not, so that a producer may add an optional field without breaking them.
   */
  readonly rejectUnknownFields?: boolean;
}

export function parseContract<T extends object>(contract: new () => T, raw: unknown, options: ParseContractOptions = {}): ContractParseResult<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, violations: [{ path: '', message: 'must be a JSON object' }] };
  }
  const unsafe = jsonShapeViolations(raw);
  if (unsafe.length > 0) return { ok: false, violations: unsafe };
  const value = plainToInstance(contract, raw);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: options.rejectUnknownFields === true,
    forbidUnknownValues: true,
    // One violation per field, the first that fails: "must be a string" says enough about `eventId: 7`.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, violations: errors.flatMap((error) => flatten(error, '')) };
}

/** Parses a Kafka message value (JSON bytes) against a contract. */
export function decodeContract<T extends object>(contract: new () => T, bytes: Buffer | null): ContractParseResult<T> {
  if (bytes === null) return { ok: false, violations: [{ path: '', message: 'message has no value' }] };
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, violations: [{ path: '', message: 'message value is not valid JSON' }] };
  }
  // Most messages are valid: the compiled check accepts them at a fraction of the decorators' cost, and
  // parseContract looks at the rest, to accept what it alone accepts or to say why not.
  const decoded = compiledContractDecoder(contract)?.(raw);
  return decoded === undefined ? parseContract(contract, raw) : { ok: true, value: decoded };
}

function flatten(error: ValidationError, parentPath: string): ContractViolation[] {
  const path = joinPath(parentPath, error.property);
  const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message: withoutPropertyName(message, error.property) }));
  const nested = (error.children ?? []).flatMap((child) => flatten(child, path));
  return [...own, ...nested];
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

// class-validator starts its messages with the property name; the path already says which field it is.
function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
