import type { FunnelReport } from '@baton/lifecycle-domain';
import { formatFunnel, percent } from '../format-funnel';
import { SAMPLE_REPORT } from './funnel-report.fixture';

describe('formatFunnel', () => {
  it('should print the stage counts, the cohorts and the totals as aligned tables', () => {
    expect(formatFunnel(SAMPLE_REPORT).split('\n')).toEqual([
      'Funnel from 2026-11-01 to 2026-11-30',
      '',
      'Leads per stage (now, all leads)',
      'Stage         Leads',
      '------------  -----',
      'visitor        1200',
      'contact         340',
      'mql              57',
      'sql              12',
      'opportunity       6',
      'customer          3',
      'recycled         21',
      'disqualified      9',
      'total          1648',
      '',
      'MQL cohorts (by the week a lead became an MQL)',
      'Week        MQLs  SQLs  Conversion',
      '----------  ----  ----  ----------',
      '2026-10-26     4     2       50.0%',
      '2026-11-02     3     1       33.3%',
      '2026-11-09     0     0         n/a',
      '',
      'Totals',
      'Measure                Value',
      '---------------------  ------------------------------',
      'MQL->SQL conversion    42.9% (3 of 7 MQLs)',
      'Median hours MQL->SQL  48.0',
      'Sales acceptance       66.7% (2 accepted, 1 rejected)',
      '',
    ]);
  });

  it('should show n/a for rates and a median that have nothing to count, and say when there are no cohorts', () => {
    const empty: FunnelReport = {
      ...SAMPLE_REPORT,
      cohorts: [],
      mqlToSql: { mqls: 0, sqls: 0, conversionRate: null, medianHoursToSql: null },
      salesAcceptance: { accepted: 0, rejected: 0, rate: null },
    };
    const lines = formatFunnel(empty).split('\n');
    expect(lines).toContain('(no lead became an MQL in this range)');
    expect(lines).toContain('MQL->SQL conversion    n/a (0 of 0 MQLs)');
    expect(lines).toContain('Median hours MQL->SQL  n/a');
    expect(lines).toContain('Sales acceptance       n/a (0 accepted, 0 rejected)');
  });

  it('should show rates as percentages with one decimal', () => {
    expect([0, 0.0004, 0.0005, 0.3333, 0.4286, 0.5, 1].map(percent)).toEqual(['0.0%', '0.0%', '0.1%', '33.3%', '42.9%', '50.0%', '100.0%']);
    expect(percent(null)).toBe('n/a');
  });
});
