/**
 * A message that can never be processed is copied, key and value untouched, to its consumer's dead-letter
 * topic, with these headers saying where it came from and why it was given up.
 */
export const DEAD_LETTER_HEADERS = {
  reason: 'baton-dlt-reason',
  sourceTopic: 'baton-dlt-source-topic',
  sourcePartition: 'baton-dlt-source-partition',
  sourceOffset: 'baton-dlt-source-offset',
  attempts: 'baton-dlt-attempts',
  failedAt: 'baton-dlt-failed-at',
} as const;

export const SCORING_DEAD_LETTER_TOPIC = 'baton.scoring.dead-letter.v1';
export const LIFECYCLE_DEAD_LETTER_TOPIC = 'baton.lifecycle.dead-letter.v1';
export const NOTIFIER_DEAD_LETTER_TOPIC = 'baton.notifier.dead-letter.v1';
