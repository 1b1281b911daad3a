import type { BenchReport } from './benchmarks';
import type { TargetCheck } from './bench-targets';
import type { StreamsPeerResult } from './streams-peer.bench';

export interface PeerComparison {
  /** Baton's scoring draining its backlog (the same work as the peer's) and the whole pipeline. */
  readonly batonScoringEventsPerSecond: number;
  readonly batonPipelineEventsPerSecond: number;
  /** CPU of scoring (and of lifecycle) over the pipeline's drain, per event. */
  readonly batonCpuMicrosPerEvent: Readonly<Record<string, number>>;
  /** Baton / peer: above 1.0, Baton is faster. */
  readonly scoringToPeerCold: number;
  readonly scoringToPeerWarm: number;
  readonly pipelineToPeerCold: number;
}

/**
 * Baton beside the peer. Like for like is scoring against the peer: both score every event of a 200k-event
 * backlog per lead with dedupe and emit a score change per event; lifecycle's work has no counterpart in the peer.
 */
export function comparePeer(report: BenchReport, peer: StreamsPeerResult): PeerComparison {
  const pipeline = report.pipeline;
  const cpuMicros = (service: string): number => ((pipeline.cpuShare[service] ?? Number.NaN) * pipeline.seconds * 1e6) / pipeline.events;
  return {
    batonScoringEventsPerSecond: pipeline.scoringEventsPerSecond,
    batonPipelineEventsPerSecond: pipeline.pipelineEventsPerSecond,
    batonCpuMicrosPerEvent: { scoring: cpuMicros('scoring'), lifecycle: cpuMicros('lifecycle') },
    scoringToPeerCold: pipeline.scoringEventsPerSecond / peer.cold.eventsPerSecond,
    scoringToPeerWarm: pipeline.scoringEventsPerSecond / peer.warm.eventsPerSecond,
    pipelineToPeerCold: pipeline.pipelineEventsPerSecond / peer.cold.eventsPerSecond,
  };
}

/** The issue's ratio target (Baton's first drain against the peer's, each on a fresh process), and the score check. */
export function peerTargets(report: BenchReport): TargetCheck[] {
  const peer = report.streamsPeer;
  if (peer === undefined) return [];
  const comparison = comparePeer(report, peer);
  return [
    { target: 'scoring throughput >= 1.0 x the Kafka Streams peer (both cold)', measured: `${comparison.scoringToPeerCold.toFixed(2)} x`, met: comparison.scoringToPeerCold >= 1 },
    { target: "Kafka Streams peer's score = Baton's pure domain for every lead", measured: `${whole(peer.check.equal)} of ${whole(peer.check.leads)} leads`, met: peer.check.leads > 0 && peer.check.equal === peer.check.leads },
  ];
}

/** The peer's rows of the printed table. */
export function peerRows(report: BenchReport): [string, string][] {
  const peer = report.streamsPeer;
  if (peer === undefined) return [];
  const comparison = comparePeer(report, peer);
  const drain = (run: StreamsPeerResult['cold']): string => `${whole(run.eventsPerSecond)} events/s, CPU ${run.cpuMicrosPerEvent.toFixed(0)} µs/event`;
  const differing = peer.check.differing.map((lead) => `${lead.leadId} peer ${lead.peer ?? 'none'} Baton ${lead.baton}`).join('; ');
  return [
    ['Kafka Streams peer, cold (fresh JVM)', `${drain(peer.cold)} (${peer.threads} threads, ${peer.guarantee}; started in ${peer.startupSeconds.toFixed(1)} s)`],
    ['Kafka Streams peer, warm (second backlog)', drain(peer.warm)],
    ['Baton scoring beside it (same backlog shape)', `${whole(comparison.batonScoringEventsPerSecond)} events/s, CPU scoring ${comparison.batonCpuMicrosPerEvent['scoring']?.toFixed(0)} + lifecycle ${comparison.batonCpuMicrosPerEvent['lifecycle']?.toFixed(0)} µs/event`],
    ['Baton / peer throughput', `scoring ${comparison.scoringToPeerCold.toFixed(2)} x cold, ${comparison.scoringToPeerWarm.toFixed(2)} x warm; scoring + lifecycle ${comparison.pipelineToPeerCold.toFixed(2)} x cold`],
    ['Kafka Streams peer peak RSS', `${peer.peakRssMiB.toFixed(0)} MiB`],
    ["peer's scores vs Baton's pure domain", `${whole(peer.check.equal)} of ${whole(peer.check.leads)} leads equal${differing === '' ? '' : `; differing: ${differing}`}`],
  ];
}

function whole(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}
