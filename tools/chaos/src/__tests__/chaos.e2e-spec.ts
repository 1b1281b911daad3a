import { ChaosInfrastructure } from '../chaos-infrastructure';
import { QUICK_CHAOS, runChaos, type ChaosReport } from '../chaos-suite';
import { chaosFailures, chaosTable } from '../chaos-table';

/**
 * CI's run of `npm run chaos -- --quick`: every fault of the full suite once, on a Kafka and a Redis of the
 * suite's own, under a steady load over 60 leads. The full run (README, "Guarantees under faults") is longer and
 * kills each consumer three times.
 */
describe('the system under faults, small', () => {
  let report: ChaosReport;

  beforeAll(async () => {
    const infra = await ChaosInfrastructure.start();
    try {
      report = await runChaos(infra, QUICK_CHAOS);
    } finally {
      await infra.stop();
    }
    process.stdout.write(`${chaosTable(report)}\n`);
  }, 900_000);

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
});
