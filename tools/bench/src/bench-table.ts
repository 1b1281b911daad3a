import type { BenchReport } from './benchmarks';
import { checkTargets, round } from './bench-targets';
import { cpuMicrosPerEvent, type MeasuredDrain } from './pipeline.bench';
import { peerRows } from './streams-peer-comparison';

/** The report as the table the command prints. */
export function benchTable(report: BenchReport): string {
  const rows: [string, string][] = [
    ['machine', `${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`],
    ['kafka raw produce (acks=all)', `${round(report.kafka.produceMessagesPerSecond)} msg/s`],
    ['kafka raw consume (no processing)', `${round(report.kafka.consumeMessagesPerSecond)} msg/s (${report.kafka.megabytesPerSecondConsumed.toFixed(1)} MB/s)`],
    ['kafka relay (one hop, no state)', `${round(report.kafka.relayMessagesPerSecond)} msg/s; CPU ${round(report.kafka.relayCpuMicrosPerMessage)} µs per message (consume, parse, produce 0.5 KB)`],
    ['redis sequential round trips', `${round(report.redis.sequentialRoundTripsPerSecond)} /s`],
    ['redis Lua commits, 64 in flight', `${round(report.redis.luaCallsPerSecond)} /s; client CPU ${round(report.redis.luaClientCpuMicrosPerCall)} µs per call`],
    ...report.ingest.map((run): [string, string] => [
      `ingest HTTP, batches of ${run.batchSize}`,
      `${round(run.eventsPerSecond)} events/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ingest CPU ${(run.ingestCpuShare * 100).toFixed(0)} % of a core, non-2xx ${run.non2xx}`,
    ]),
    ...drainRows('cold', report.pipeline, report.pipeline.ratioToRawConsume),
    ...drainRows('warm', report.pipelineWarm),
    [
      `pipeline at ${round(report.sustained.offeredEventsPerSecond)} events/s for ${report.sustained.seconds.toFixed(0)} s`,
      `lifecycle lag samples min ${round(Math.min(...report.sustained.lagSamples))}, max ${round(Math.max(...report.sustained.lagSamples))}, last ${round(report.sustained.lagSamples.at(-1) ?? Number.NaN)}; scoring lag at end ${round(report.sustained.scoringLagAtEnd)}`,
    ],
    ...report.latency.flatMap((run): [string, string][] => [
      [
        `latency at ${round(run.offeredEventsPerSecond)} events/s: acceptance -> LeadQualified`,
        `p50 ${round(run.toQualifiedMs.p50)} ms, p95 ${round(run.toQualifiedMs.p95)} ms, p99 ${round(run.toQualifiedMs.p99)} ms (${run.qualifications} qualifications)`,
      ],
      [`  and -> alert received`, `p50 ${round(run.toAlertMs.p50)} ms, p95 ${round(run.toAlertMs.p95)} ms, p99 ${round(run.toAlertMs.p99)} ms (${run.alertsReceived} alerts)`],
    ]),
    [
      'peak RSS',
      Object.entries(report.memory.peakRssMiB)
        .map(([service, mib]) => `${service} ${mib.toFixed(0)} MiB`)
        .join(', '),
    ],
    ['redis memory per lead', `${round(report.memory.redisBytesPerLead)} bytes`],
    ...peerRows(report),
    ...checkTargets(report).map((check): [string, string] => [`target: ${check.target}`, `${check.met ? 'met' : 'MISSED'}: ${check.measured}`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

/** A backlog drain: scoring's rate (its group caught up) and the pipeline's, and each process's CPU per event. */
function drainRows(which: 'cold' | 'warm', drain: MeasuredDrain, ratioToRawConsume?: number): [string, string][] {
  const cpu = Object.entries(drain.cpuShare).map(([name, share]) => `${name} ${round(cpuMicrosPerEvent(drain, name))} µs (${(share * 100).toFixed(0)} % of a core)`);
  const backlog = which === 'cold' ? `${round(drain.events)} events, ${round(drain.leads)} leads` : `${round(drain.events)} more events, ${round(drain.leads)} of the same leads`;
  const toRawConsume = ratioToRawConsume === undefined ? '' : `; ${ratioToRawConsume.toFixed(2)} × raw consume`;
  return [
    [`pipeline backlog ${which}: scored`, `${round(drain.scoringEventsPerSecond)} events/s (scoring's group caught up, lifecycle running beside it)`],
    ['  scoring + lifecycle', `${round(drain.pipelineEventsPerSecond)} events/s over ${backlog}${toRawConsume}; CPU per event ${cpu.join(', ')}`],
  ];
}
