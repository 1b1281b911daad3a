import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FreshRun } from '@baton/testing';
import type { ChaosReport } from '../chaos-suite';
import { chaosFailures } from '../chaos-table';

/**
 * CI's run of `npm run chaos -- --quick`, as a user runs it on a fresh state directory: every fault of the full
 * suite once, on a Kafka and a Redis of the suite's own (started for the first time), under a steady load over 60
 * leads. The full run (docs/guarantees.md, "Guarantees under faults") is longer and kills each consumer three times.
 */
describe('the system under faults, small', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-chaos-'));
  const reportPath = join(dir, 'report.json');
  let report: ChaosReport;
  let leftovers: string[];

  beforeAll(async () => {
    const run = new FreshRun(['run', 'chaos', '--', '--quick', '--report', reportPath]);
    try {
      const exit = await run.exit(900_000);
      process.stdout.write(run.printed);
      if (exit.code !== 0) throw new Error(`npm run chaos -- --quick exited ${exit.code ?? exit.signal}:\n${run.printed.slice(-5000)}`);
      leftovers = run.leftovers();
    } finally {
      run.cleanUp();
    }
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as ChaosReport;
  }, 920_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should inject every fault and see the pipeline catch up after each', () => {
    expect(report.faults.map((record) => record.fault)).toEqual([
      'SIGKILL scoring',
      'SIGKILL lifecycle',
      'SIGKILL notifier',
      'Kafka broker stopped and started',
      'Redis stopped and started',
      'webhook failing, then hanging',
      'Redis flushed, state rebuilt from Kafka',
    ]);
    for (const record of report.faults) expect(record.recoveryMs).toHaveLength(1);
  });

  it('should have ingest refuse with 503 while the broker was away, and accept everything in the end', () => {
    expect(report.ingestAnswers['503']).toBeGreaterThan(0);
    expect(report.outcome.eventsAccepted).toBeGreaterThan(1000);
    expect(report.outcome.eventsInLog).toBe(report.outcome.eventsAccepted);
  });

  it('should end with nothing lost, doubled or different from the pure domain', () => {
    expect(report.outcome.alertsExpected).toBeGreaterThan(0);
    expect(chaosFailures(report)).toEqual([]);
  });

  it('should leave no process of its own running', () => {
    expect(leftovers).toEqual([]);
  });
});
