import fc from 'fast-check';
import { funnelReport, STAGES, type LeadFunnelRecord } from '../index';

// Cohort weeks start on Monday 2024-03-04 and Monday 2024-03-11; hours from MQL to SQL noted per lead.
const POPULATION: readonly LeadFunnelRecord[] = [
  { stage: 'sql', mqlAt: '2024-03-04T00:00:00Z', sqlAt: '2024-03-04T10:20:00Z', salesOutcome: 'accepted' }, // 10.33 h
  { stage: 'opportunity', mqlAt: '2024-03-06T12:00:00Z', sqlAt: '2024-03-07T12:00:00Z', salesOutcome: 'accepted' }, // 24 h
  { stage: 'mql', mqlAt: '2024-03-10T23:59:00Z' }, // Sunday: still the week of the 4th
  { stage: 'recycled', mqlAt: '2024-03-11T00:00:00Z', sqlAt: '2024-03-13T00:00:00Z', salesOutcome: 'rejected' }, // 48 h
  { stage: 'mql', mqlAt: '2024-03-12T00:00:00Z' },
  { stage: 'sql', mqlAt: '2024-03-18T00:00:00Z', sqlAt: '2024-03-18T05:00:00Z', salesOutcome: 'accepted' }, // after the range
  { stage: 'mql', mqlAt: '2024-03-03T23:00:00Z' }, // before the range
  { stage: 'customer', sqlAt: '2024-03-15T09:00:00Z', salesOutcome: 'accepted' }, // fast-tracked, SQL in range
  { stage: 'recycled', sqlAt: '2024-03-20T09:00:00Z', salesOutcome: 'rejected' }, // fast-tracked, SQL after the range
  { stage: 'visitor' },
  { stage: 'contact' },
  { stage: 'disqualified' },
];

describe('funnelReport', () => {
  it('should report two weekly cohorts, an odd median and the acceptance rate', () => {
    expect(funnelReport(POPULATION, '2024-03-04', '2024-03-17')).toEqual({
      from: '2024-03-04',
      to: '2024-03-17',
      stageCounts: { visitor: 1, contact: 1, mql: 3, sql: 2, opportunity: 1, customer: 1, recycled: 2, disqualified: 1 },
      cohorts: [
        { week: '2024-03-04', mqls: 3, sqls: 2, conversionRate: 0.6667 },
        { week: '2024-03-11', mqls: 2, sqls: 1, conversionRate: 0.5 },
      ],
      mqlToSql: { mqls: 5, sqls: 3, conversionRate: 0.6, medianHoursToSql: 24 },
      salesAcceptance: { accepted: 3, rejected: 1, rate: 0.75 },
    });
  });

  it('should take the mean of the two middle values for an even count', () => {
    const report = funnelReport(POPULATION, '2024-03-04', '2024-03-10');
    expect(report.cohorts).toEqual([{ week: '2024-03-04', mqls: 3, sqls: 2, conversionRate: 0.6667 }]);
    // (10.333... + 24) / 2 = 17.1666...
    expect(report.mqlToSql).toEqual({ mqls: 3, sqls: 2, conversionRate: 0.6667, medianHoursToSql: 17.17 });
    expect(report.salesAcceptance).toEqual({ accepted: 2, rejected: 0, rate: 1 });
  });

  it('should give no rates rather than zero when there is nothing to divide', () => {
    const report = funnelReport([{ stage: 'visitor' }], '2024-03-04', '2024-03-17');
    expect(report.cohorts).toEqual([]);
    expect(report.mqlToSql).toEqual({ mqls: 0, sqls: 0, conversionRate: null, medianHoursToSql: null });
    expect(report.salesAcceptance).toEqual({ accepted: 0, rejected: 0, rate: null });
  });

  it('should count every lead once in the stage counts, and every range MQL in one cohort', () => {
    const time = fc.integer({ min: 0, max: 90 * 24 }).map((hours) => new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000).toISOString());
    const record: fc.Arbitrary<LeadFunnelRecord> = fc.record(
      { stage: fc.constantFrom(...STAGES), mqlAt: time, sqlAt: time, salesOutcome: fc.constantFrom('accepted' as const, 'rejected' as const) },
      { requiredKeys: ['stage'] },
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const report = funnelReport(records, '2024-01-15', '2024-02-25');
        expect(Object.values(report.stageCounts).reduce((sum, count) => sum + count, 0)).toBe(records.length);
        expect(report.cohorts.reduce((sum, cohort) => sum + cohort.mqls, 0)).toBe(report.mqlToSql.mqls);
        expect(report.cohorts.reduce((sum, cohort) => sum + cohort.sqls, 0)).toBe(report.mqlToSql.sqls);
      }),
    );
  });
});
