import { formatTable } from '@baton/cli-kit';
import type { FunnelReport } from '@baton/lifecycle-domain';

/**
 * The funnel as plain-text tables: leads per stage now, the MQL cohorts of the range, and the totals.
 * Rates are shown as percentages with one decimal; a rate with nothing to divide by is "n/a".
 */
export function formatFunnel(report: FunnelReport): string {
  const stages = Object.entries(report.stageCounts);
  const total = stages.reduce((sum, [, count]) => sum + count, 0);
  const { mqlToSql, salesAcceptance } = report;
  const sections = [
    `Funnel from ${report.from} to ${report.to}`,
    ['Leads per stage (now, all leads)', ...formatTable(['Stage', 'Leads'], [...stages.map(([stage, count]) => [stage, String(count)]), ['total', String(total)]], ['left', 'right'])].join('\n'),
    [
      'MQL cohorts (by the week a lead became an MQL)',
      ...(report.cohorts.length === 0
        ? ['(no lead became an MQL in this range)']
        : formatTable(
            ['Week', 'MQLs', 'SQLs', 'Conversion'],
            report.cohorts.map((cohort) => [cohort.week, String(cohort.mqls), String(cohort.sqls), percent(cohort.conversionRate)]),
            ['left', 'right', 'right', 'right'],
          )),
    ].join('\n'),
    [
      'Totals',
      ...formatTable(
        ['Measure', 'Value'],
        [
          ['MQL->SQL conversion', `${percent(mqlToSql.conversionRate)} (${mqlToSql.sqls} of ${mqlToSql.mqls} MQLs)`],
          ['Median hours MQL->SQL', mqlToSql.medianHoursToSql === null ? 'n/a' : mqlToSql.medianHoursToSql.toFixed(1)],
          ['Sales acceptance', `${percent(salesAcceptance.rate)} (${salesAcceptance.accepted} accepted, ${salesAcceptance.rejected} rejected)`],
        ],
        ['left', 'left'],
      ),
    ].join('\n'),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** 0.4286 -> "42.9%"; null (nothing to divide by) -> "n/a". */
export function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}
