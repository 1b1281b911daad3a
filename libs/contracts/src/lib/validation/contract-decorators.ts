import { IsString, Matches, MaxLength, ValidateBy } from 'class-validator';

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

export function Timestamp(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    Matches(TIMESTAMP_WITH_ZONE, { message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' })(target, key);
  };
}

/**
 * A JSON object whose `kind` is one of `kinds`. Its other fields travel as they are: the kind says which
 * shape it has, and consumers that do not know a field ignore it.
 */
export function KindedObject(kinds: readonly string[]): PropertyDecorator {
  return ValidateBy(
    {
      name: 'kindedObject',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && kinds.includes(String((value as { kind?: unknown }).kind)),
        defaultMessage: () => `must be an object whose kind is one of: ${kinds.join(', ')}`,
      },
    },
    {},
  );
}
