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
  const match = TIMESTAMP_WITH_ZONE.exec(value);
  if (match === null || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day, hour, minute, second] = value.slice(0, 19).split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && calendar.getUTCHours() === hour && calendar.getUTCMinutes() === minute;
}

export function Timestamp(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    Matches(TIMESTAMP_WITH_ZONE, { message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' })(target, key);
    ValidateBy({ name: 'realTimestamp', validator: { validate: (value: unknown) => typeof value === 'string' && isRealTimestamp(value), defaultMessage: () => 'must be a date and time that exists' } })(target, key);
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
