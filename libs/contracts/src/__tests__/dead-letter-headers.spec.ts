import { DEAD_LETTER_HEADERS, deadLetterHeaders } from '../index';

describe('deadLetterHeaders', () => {
  const failedAt = new Date('2026-12-06T10:00:00.000Z');

  it('should tell the source, the reason, the attempts and the time when the message is a consumed one', () => {
    expect(deadLetterHeaders({ reason: 'LIFECYCLE.UNKNOWN_LEAD: lead_1', sourceTopic: 'baton.sales-feedback.v1', sourcePartition: 3, sourceOffset: '42', attempts: 2, failedAt })).toEqual({
      [DEAD_LETTER_HEADERS.reason]: 'LIFECYCLE.UNKNOWN_LEAD: lead_1',
      [DEAD_LETTER_HEADERS.sourceTopic]: 'baton.sales-feedback.v1',
      [DEAD_LETTER_HEADERS.sourcePartition]: '3',
      [DEAD_LETTER_HEADERS.sourceOffset]: '42',
      [DEAD_LETTER_HEADERS.attempts]: '2',
      [DEAD_LETTER_HEADERS.failedAt]: '2026-12-06T10:00:00.000Z',
    });
  });

  it('should leave the partition and offset out when the dead letter has no place in its source topic', () => {
    expect(Object.keys(deadLetterHeaders({ reason: 'NOTIFIER.DELIVERY_FAILED: HTTP 400', sourceTopic: 'baton.lead-qualified.v1', attempts: 1, failedAt }))).toEqual([
      DEAD_LETTER_HEADERS.reason,
      DEAD_LETTER_HEADERS.sourceTopic,
      DEAD_LETTER_HEADERS.attempts,
      DEAD_LETTER_HEADERS.failedAt,
    ]);
  });
});
