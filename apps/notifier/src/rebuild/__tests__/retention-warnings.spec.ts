import { retentionWarnings } from '../retention-warnings';

const WEEK = String(7 * 86_400_000);

describe('retentionWarnings', () => {
  it('should say nothing when alerts-sent keeps every alert', () => {
    expect(retentionWarnings({ retentionMs: '-1', retentionBytes: '-1', cleanupPolicy: 'delete' }, { retentionMs: WEEK, retentionBytes: '-1', cleanupPolicy: 'delete' })).toEqual([]);
  });

  it('should warn, with the broker default of both topics, that what lifecycle re-emits beyond it is alerted again', () => {
    expect(retentionWarnings({ retentionMs: WEEK, retentionBytes: '-1', cleanupPolicy: 'delete' }, { retentionMs: WEEK, retentionBytes: '-1', cleanupPolicy: 'delete' })).toEqual([
      'baton.alerts-sent.v1 keeps messages for 7 day(s): a qualification delivered before that and re-emitted by lifecycle after a scoring rebuild is alerted again (retention.ms=-1 on the topic keeps every alert restorable)',
    ]);
  });

  it('should warn when alerts-sent keeps less than lead-qualified, which the notifier reads again from its start', () => {
    const warnings = retentionWarnings({ retentionMs: String(2 * 3_600_000) }, { retentionMs: '-1' });
    expect(warnings[0]).toBe(
      'baton.alerts-sent.v1 keeps messages for 2 hour(s), baton.lead-qualified.v1 for ever: a qualification delivered more than 2 hour(s) ago is alerted again when the notifier reads baton.lead-qualified.v1 from its start',
    );
    expect(retentionWarnings({ retentionMs: WEEK }, { retentionMs: String(14 * 86_400_000) })[0]).toMatch(/keeps messages for 7 day\(s\), baton.lead-qualified.v1 for 14 day\(s\)/);
    expect(retentionWarnings({ retentionMs: WEEK }, { retentionMs: WEEK })).toHaveLength(1);
  });

  it('should warn about a size limit and about compaction, which keeps one alert per lead', () => {
    const warnings = retentionWarnings({ retentionMs: '-1', retentionBytes: '1073741824', cleanupPolicy: 'compact,delete' }, { retentionMs: '-1' });
    expect(warnings).toEqual([
      "baton.alerts-sent.v1 is compacted (cleanup.policy=compact,delete): keyed by lead, it keeps only each lead's latest alert, the others cannot be restored",
      'baton.alerts-sent.v1 keeps at most 1073741824 bytes per partition: the alerts it dropped cannot be restored',
    ]);
  });
});
