import { IsInt, IsString, Matches, MaxLength, Min, ValidateBy } from 'class-validator';

/** ISO-8601 date and time with a zone (Z or ±hh:mm): an event time without a zone is ambiguous. */
export const TIMESTAMP_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Ids travel in Redis keys and Kafka headers: printable, no spaces, no braces (they are Redis hash tags). */
export const ID_PATTERN = /^[A-Za-z0-9._:@+\-/=]{1,128}$/;

export function Id(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    MaxLength(128, { message: 'must be at most 128 characters' })(target, key);
    Matches(ID_PATTERN, { message: 'must be 1 to 128 characters of letters, digits and . _ : @ + - / =' })(target, key);
  };
}

/** A date-time that exists: 2026-02-30T10:00:00Z or 25:00 match the pattern but are no time at all. */
export function isRealTimestamp(value: string): boolean {
  if (!TIMESTAMP_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) return false;
  // Read off the digits (every message has a few timestamps; splitting them into strings cost more than the rest).
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // Years below 100 are rejected as Date.UTC, which reads them as 19xx, always did here.
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && digitsAt(value, 11, 2) <= 23 && digitsAt(value, 14, 2) <= 59 && digitsAt(value, 17, 2) <= 59;
}

function digitsAt(value: string, start: number, length: number): number {
  let number = 0;
  for (let index = start; index < start + length; index++) number = number * 10 + value.charCodeAt(index) - 48;
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function Timestamp(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    Matches(TIMESTAMP_WITH_ZONE, { message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' })(target, key);
    ValidateBy({
      name: 'realTimestamp',
      validator: { validate: (value: unknown) => typeof value === 'string' && isRealTimestamp(value), defaultMessage: () => 'must be a date and time that exists' },
    })(target, key);
  };
}

/** The validation name of KindedObject, as class-validator's metadata records it. */
export const KINDED_OBJECT = 'kindedObject';

/**
 * A JSON object whose `kind` is one of `kinds`. Its other fields travel as they are: the kind says which
 * shape it has, and consumers that do not know a field ignore it.
 */
export function KindedObject(kinds: readonly string[]): PropertyDecorator {
  return ValidateBy(
    {
      name: KINDED_OBJECT,
      // Carried as the constraint so that the JSON Schema of the contract can enumerate the kinds.
      constraints: [kinds],
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && kinds.includes(String((value as { kind?: unknown }).kind)),
        defaultMessage: () => `must be an object whose kind is one of: ${kinds.join(', ')}`,
      },
    },
    {},
  );
}

/** A count of points or of things: a whole number, never negative. */
export function NonNegativeInt(): PropertyDecorator {
  return (target, key) => {
    // In the order stacked decorators apply (bottom first): the JSON Schema generator keeps the last type it reads.
    Min(0, { message: 'must not be negative' })(target, key);
    IsInt({ message: 'must be a whole number' })(target, key);
  };
}
