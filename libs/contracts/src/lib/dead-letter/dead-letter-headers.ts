import { DEAD_LETTER_HEADERS } from './dead-letter';

/** Where a dead letter came from and why it was given up: what its headers tell. */
export interface DeadLetterCause {
  /** Why it can never be processed: the error code and message (`NOTIFIER.DELIVERY_FAILED: ...`). */
  readonly reason: string;
  readonly sourceTopic: string;
  /** Where the message was in its topic; absent when what is dead-lettered is not a consumed message as it came (an alert). */
  readonly sourcePartition?: number;
  readonly sourceOffset?: string;
  /** How many times it was tried. */
  readonly attempts: number;
  readonly failedAt: Date;
}

/** The DEAD_LETTER_HEADERS of a dead letter: one builder for every service that dead-letters. */
export function deadLetterHeaders(cause: DeadLetterCause): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.reason]: cause.reason,
    [DEAD_LETTER_HEADERS.sourceTopic]: cause.sourceTopic,
    ...(cause.sourcePartition === undefined ? {} : { [DEAD_LETTER_HEADERS.sourcePartition]: String(cause.sourcePartition) }),
    ...(cause.sourceOffset === undefined ? {} : { [DEAD_LETTER_HEADERS.sourceOffset]: cause.sourceOffset }),
    [DEAD_LETTER_HEADERS.attempts]: String(cause.attempts),
    [DEAD_LETTER_HEADERS.failedAt]: cause.failedAt.toISOString(),
  };
}
