import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkTargets } from './bench-targets';
import type { BenchReport } from './benchmarks';

/** The JSON report: every measured figure, and the targets with whether each was met. */
export function writeBenchReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...report, targets: checkTargets(report) }, null, 2)}\n`);
}
