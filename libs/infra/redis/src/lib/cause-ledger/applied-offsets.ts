/** Where a message sits in the log. */
export interface LogPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

const OFFSET_FIELD_PREFIX = 'offset:';

/** The field of a lead's state hash holding the highest offset applied from a partition. */
export function offsetField(position: Pick<LogPosition, 'topic' | 'partition'>): string {
  return `${OFFSET_FIELD_PREFIX}${position.topic}:${position.partition}`;
}

/** Highest offset applied per `<topic>:<partition>`, from a lead's state fields. */
export function appliedOffsetsOf(fields: Readonly<Record<string, string>>): Map<string, bigint> {
  const offsets = new Map<string, bigint>();
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith(OFFSET_FIELD_PREFIX)) offsets.set(field.slice(OFFSET_FIELD_PREFIX.length), BigInt(value));
  }
  return offsets;
}

/** A message at or below its partition's applied offset was applied before, even if its record has expired. */
export function appliedBefore(offsets: ReadonlyMap<string, bigint>, position: LogPosition): boolean {
  return BigInt(position.offset) <= (offsets.get(`${position.topic}:${position.partition}`) ?? -1n);
}
