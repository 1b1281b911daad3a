import type { BenchReport } from './benchmarks';
import { cpuMicrosPerEvent } from './pipeline.bench';
import { peerTargets } from './streams-peer-comparison';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The targets of a 2-core machine with the broker and Redis on the same box (the issue that asked for them). */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const batches = report.ingest.find((run) => run.batchSize === 100);
  const atTarget = report.latency.reduce<(typeof report.latency)[number] | undefined>(
    (top, run) => (top === undefined || run.offeredEventsPerSecond > top.offeredEventsPerSecond ? run : top),
    undefined,
  );
  const atLowRate = report.latency.reduce<(typeof report.latency)[number] | undefined>(
    (low, run) => (low === undefined || run.offeredEventsPerSecond < low.offeredEventsPerSecond ? run : low),
    undefined,
  );
  const cpu = { scoring: cpuMicrosPerEvent(report.pipeline, 'scoring'), lifecycle: cpuMicrosPerEvent(report.pipeline, 'lifecycle') };
  const heaviest = Object.entries(report.memory.peakRssMiB).reduce<[string, number]>((top, entry) => (entry[1] > top[1] ? entry : top), ['none', 0]);
  return [
    { target: 'pipeline >= 20,000 events/s sustained', measured: `${round(report.pipeline.pipelineEventsPerSecond)} events/s`, met: report.pipeline.pipelineEventsPerSecond >= 20_000 },
    {
      target: 'CPU <= 50 µs per event, scoring + lifecycle',
      measured: `${round(cpu.scoring + cpu.lifecycle)} µs (scoring ${round(cpu.scoring)}, lifecycle ${round(cpu.lifecycle)})`,
      met: cpu.scoring + cpu.lifecycle <= 50,
    },
    {
      target: 'p99 acceptance -> alert < 50 ms at 200 events/s',
      measured: `${round(atLowRate?.toAlertMs.p99 ?? Number.NaN)} ms at ${round(atLowRate?.offeredEventsPerSecond ?? 0)} events/s`,
      met: (atLowRate?.toAlertMs.p99 ?? Number.POSITIVE_INFINITY) < 50,
    },
    { target: 'peak RSS <= 200 MiB per service', measured: `${round(heaviest[1])} MiB (${heaviest[0]})`, met: heaviest[1] <= 200 },
    {
      target: 'pipeline >= 1/2 of the raw consume rate',
      measured: `${report.pipeline.ratioToRawConsume.toFixed(2)} of ${round(report.kafka.consumeMessagesPerSecond)}/s`,
      met: report.pipeline.ratioToRawConsume >= 0.5,
    },
    {
      target: 'p99 acceptance -> alert < 100 ms at 1,000 events/s',
      measured: `${round(atTarget?.toAlertMs.p99 ?? Number.NaN)} ms at ${round(atTarget?.offeredEventsPerSecond ?? 0)} events/s`,
      met: (atTarget?.toAlertMs.p99 ?? Number.POSITIVE_INFINITY) < 100,
    },
    { target: 'ingest >= 20,000 events/s in batches of 100', measured: `${round(batches?.eventsPerSecond ?? 0)} events/s`, met: (batches?.eventsPerSecond ?? 0) >= 20_000 },
    ...peerTargets(report),
  ];
}

export function round(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}
