import type { ChaosReport } from './chaos-suite';

/** The figures that must be 0 for a run to pass. */
export function chaosFailures(report: ChaosReport): string[] {
  const { outcome } = report;
  const musts: [string, number][] = [
    ['accepted events lost', outcome.eventsLost],
    ['events not counted exactly once', outcome.eventsNotCountedOnce],
    ['score mismatches', outcome.scoreMismatches],
    ['stage mismatches', outcome.stageMismatches],
    ['lost alerts', outcome.alertsLost],
    ['duplicated alerts', outcome.alertsDuplicated],
    ['dead letters', outcome.deadLetters],
  ];
  return musts.filter(([, count]) => count > 0).map(([what, count]) => `${what}: ${count}`);
}

/** The run as the table the command prints: one row a fault, then the totals. */
export function chaosTable(report: ChaosReport): string {
  const { outcome } = report;
  const faultRows = report.faults.map((record): [string, string] => [record.fault, `${record.injected} ×, recovery ${record.recoveryMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`]);
  const rows: [string, string][] = [
    ['run', `${outcome.leads} leads, ${report.options.eventsPerSecond} events/s offered, ${(report.durationMs / 1000).toFixed(0)} s`],
    ...faultRows,
    ['faults injected', String(report.faults.reduce((sum, record) => sum + record.injected, 0))],
    [
      'ingest answers',
      Object.entries(report.ingestAnswers)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', '),
    ],
    ['events accepted / in the log', `${outcome.eventsAccepted} / ${outcome.eventsInLog}, lost ${outcome.eventsLost}, not counted exactly once ${outcome.eventsNotCountedOnce}`],
    ['mismatches (score, stage)', `${outcome.scoreMismatches + outcome.stageMismatches} (${outcome.scoreMismatches}, ${outcome.stageMismatches})`],
    ['alerts expected', String(outcome.alertsExpected)],
    ['duplicated alerts', String(outcome.alertsDuplicated)],
    ['lost alerts', String(outcome.alertsLost)],
    ['same alert delivered again (webhook-id)', String(outcome.alertsRedelivered)],
    ['dead letters', String(outcome.deadLetters)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const failures = chaosFailures(report);
  const verdict = failures.length === 0 ? 'PASSED' : `FAILED: ${failures.join('; ')}\n${outcome.examples.join('\n')}`;
  return `${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n${verdict}`;
}
