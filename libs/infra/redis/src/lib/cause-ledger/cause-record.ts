/**
 * What a lead's store keeps of each cause it applied, for the dedupe TTL: `pending|<payload>` (the messages the cause
 * is to publish) until they are published, then `emitted|` (the payload dropped, to keep a week of ids small).
 */
export interface CauseRecord {
  readonly published: boolean;
  readonly payload: string;
}

export const PUBLISHED_RECORD = 'emitted|';

export function pendingRecord(payload: string): string {
  return `pending|${payload}`;
}

export function parseCauseRecord(record: string): CauseRecord {
  const separator = record.indexOf('|');
  return { published: record.slice(0, separator) === 'emitted', payload: record.slice(separator + 1) };
}
