/**
 * `npm run bench`: every speed and memory figure of Baton on the local Kafka and Redis, printed as a table and
 * written as JSON. `--quick` is the small run CI does (correctness of the counts, never timing).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stateDir } from '@baton/testing';
import { writeBenchReport } from './bench-report';
import { benchTable } from './bench-table';
import { FULL, QUICK } from './bench-profiles';
import { runBenchmarks } from './benchmarks';

const USAGE =
  'usage: npm run bench -- [--quick] [--report <file.json>] [--peer | --no-peer] (the Kafka Streams peer runs unless --quick or --no-peer; KAFKA_BROKERS and REDIS_URL from scripts/infra.sh; built services in dist/apps)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, report: { type: 'string' }, peer: { type: 'boolean' }, 'no-peer': { type: 'boolean' }, help: { type: 'boolean', default: false } },
  });
  const brokers = process.env['KAFKA_BROKERS'];
  const redisUrl = process.env['REDIS_URL'];
  if (values.help || !brokers || !redisUrl) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const reportPath = resolve(values.report ?? resolve(stateDir(), 'bench/report.json'));
  const profile = values.quick ? QUICK : FULL;
  const peer = values['no-peer'] === true ? false : (values.peer ?? profile.peer);
  const report = await runBenchmarks({ brokers, redisUrl, ...profile, peer }, (line) => process.stdout.write(`… ${line}\n`));
  writeBenchReport(reportPath, report);
  process.stdout.write(`\n${benchTable(report)}\n\nreport: ${reportPath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
