import type { FunnelReport } from '@baton/lifecycle-domain';

/** A month of a small funnel; the third cohort is empty only to show how a rate with nothing to divide by looks. */
export const SAMPLE_REPORT: FunnelReport = {
  from: '2026-11-01',
  to: '2026-11-30',
  stageCounts: { visitor: 1200, contact: 340, mql: 57, sql: 12, opportunity: 6, customer: 3, recycled: 21, disqualified: 9 },
  cohorts: [
    { week: '2026-10-26', mqls: 4, sqls: 2, conversionRate: 0.5 },
    { week: '2026-11-02', mqls: 3, sqls: 1, conversionRate: 0.3333 },
    { week: '2026-11-09', mqls: 0, sqls: 0, conversionRate: null },
  ],
  mqlToSql: { mqls: 7, sqls: 3, conversionRate: 0.4286, medianHoursToSql: 48 },
  salesAcceptance: { accepted: 2, rejected: 1, rate: 0.6667 },
};
