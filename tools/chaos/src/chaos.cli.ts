/**
 * `npm run chaos [-- --quick] [--report file.json]`: the services on a Kafka and a Redis of the suite's own, under a
 * steady load, killed, cut off and wiped one fault after another; then every lead checked against the pure domain.
 * Exits 1 unless nothing was lost, doubled or different.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OwnInfrastructure, stateDir } from '@baton/testing';
import { FULL_CHAOS, QUICK_CHAOS, runChaos } from './chaos-suite';
import { chaosFailures, chaosTable } from './chaos-table';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, report: { type: 'string' } } });
  const reportPath = resolve(values.report ?? resolve(stateDir(), 'chaos-report.json'));
  const infra = await OwnInfrastructure.start(resolve(stateDir(), 'chaos'));
  // Ctrl-C reaches the services too (same process group); the broker and Redis run detached and must be stopped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void infra.stop().finally(() => process.exit(130)));
  try {
    const report = await runChaos(infra, values.quick ? QUICK_CHAOS : FULL_CHAOS, (line) => process.stdout.write(`… ${line}\n`));
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${chaosTable(report)}\n\nreport: ${reportPath}\n`);
    process.exitCode = chaosFailures(report).length === 0 ? 0 : 1;
  } finally {
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
