import type { BenchReport } from './benchmarks';
import { checkTargets, round } from './bench-targets';
import { peerRows } from './streams-peer-comparison';

/** The report as the table the command prints. */
export function benchTable(report: BenchReport): string {
  const rows: [string, string][] = [
    ['machine', `${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`],
    ['kafka raw produce (acks=all)', `${round(report.kafka.produceMessagesPerSecond)} msg/s`],
    ['kafka raw consume (no processing)', `${round(report.kafka.consumeMessagesPerSecond)} msg/s (${report.kafka.megabytesPerSecondConsumed.toFixed(1)} MB/s)`],
    ['redis sequential round trips', `${round(report.redis.sequentialRoundTripsPerSecond)} /s`],
    ['redis Lua commits, 64 in flight', `${round(report.redis.luaCallsPerSecond)} /s`],
    ...report.ingest.map((run): [string, string] => [
      `ingest HTTP, batches of ${run.batchSize}`,
      `${round(run.eventsPerSecond)} events/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ingest CPU ${(run.ingestCpuShare * 100).toFixed(0)} % of a core, non-2xx ${run.non2xx}`,
    ]),
    ['pipeline backlog (scoring only)', `${round(report.pipeline.scoringEventsPerSecond)} events/s`],
    [
      'pipeline backlog (scoring + lifecycle)',
      `${round(report.pipeline.pipelineEventsPerSecond)} events/s over ${round(report.pipeline.events)} events, ${round(report.pipeline.leads)} leads; ${report.pipeline.ratioToRawConsume.toFixed(2)} × raw consume; CPU ${Object.entries(report.pipeline.cpuShare).map(([name, share]) => `${name} ${(share * 100).toFixed(0)} %`).join(', ')}`,
    ],
    [
      `pipeline at ${round(report.sustained.offeredEventsPerSecond)} events/s for ${report.sustained.seconds.toFixed(0)} s`,
      `lifecycle lag samples min ${round(Math.min(...report.sustained.lagSamples))}, max ${round(Math.max(...report.sustained.lagSamples))}, last ${round(report.sustained.lagSamples.at(-1) ?? Number.NaN)}; scoring lag at end ${round(report.sustained.scoringLagAtEnd)}`,
    ],
    ...report.latency.flatMap((run): [string, string][] => [
      [`latency at ${round(run.offeredEventsPerSecond)} events/s: acceptance -> LeadQualified`, `p50 ${round(run.toQualifiedMs.p50)} ms, p95 ${round(run.toQualifiedMs.p95)} ms, p99 ${round(run.toQualifiedMs.p99)} ms (${run.qualifications} qualifications)`],
      [`  and -> alert received`, `p50 ${round(run.toAlertMs.p50)} ms, p95 ${round(run.toAlertMs.p95)} ms, p99 ${round(run.toAlertMs.p99)} ms (${run.alertsReceived} alerts)`],
    ]),
    ['peak RSS', Object.entries(report.memory.peakRssMiB).map(([service, mib]) => `${service} ${mib.toFixed(0)} MiB`).join(', ')],
    ['redis memory per lead', `${round(report.memory.redisBytesPerLead)} bytes`],
    ...peerRows(report),
    ...checkTargets(report).map((check): [string, string] => [`target: ${check.target}`, `${check.met ? 'met' : 'MISSED'}: ${check.measured}`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
