import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC } from '@baton/contracts';
import { stateDir, topicEnd, uniqueId, ZipfWorkload } from '@baton/testing';
import type { BenchOptions } from './benchmarks';
import { produceBacklog } from './bulk-produce';
import { cpuSeconds, peakRssMiB } from './process-stats';
import { scoreLatencies, type ScoreLatency } from './score-latency.bench';
import { checkPeerScores, type PeerScoreCheck } from './streams-peer-check';
import { streamsPeerJar } from './streams-peer-jar';
import { BENCH_MODEL_FILE, peerModelOf, readBenchModel } from './streams-peer-model';
import { StreamsPeerProcess, type StreamsPeerLaunch } from './streams-peer-process';

/** The peer's own output topic: one score change per new event. */
export const PEER_SCORES_TOPIC = 'baton.bench.peer-scores.v1';

/**
 * One stream thread per core of the 2-core box the figures are for; the guarantee docs/benchmarking.md argues;
 * Kafka Streams' own producer linger (100 ms), which fills batches under a backlog.
 */
const PEER_TUNING = { threads: 2, guarantee: 'at_least_once', producerLingerMs: 100 } as const;
/**
 * For the latency runs the peer is restarted with the producer sending at once (linger 0, Kafka's advice for
 * latency): otherwise each score change would wait up to 100 ms for a batch, and Baton would be measured against
 * a setting rather than the peer's work.
 */
const LATENCY_PRODUCER_LINGER_MS = 0;

export interface PeerDrain {
  readonly events: number;
  readonly scoreChanges: number;
  readonly seconds: number;
  /** From the first event produced to the last score change on the peer's topic. */
  readonly eventsPerSecond: number;
  /** The JVM's CPU (user + system) over the drain, per event. */
  readonly cpuMicrosPerEvent: number;
}

export interface StreamsPeerResult {
  readonly model: string;
  readonly threads: number;
  readonly guarantee: string;
  /** The producer's linger over the drains. */
  readonly producerLingerMs: number;
  /** From the JVM's launch to Kafka Streams RUNNING. */
  readonly startupSeconds: number;
  /** The first backlog, on a fresh JVM with empty stores. */
  readonly cold: PeerDrain;
  /** A second backlog of the same shape over the same leads, on the JVM the first warmed. */
  readonly warm: PeerDrain;
  /**
   * After the drains, on a JVM restarted over the same stores with `latencyProducerLingerMs`: events one at a time
   * at each of the latency runs' rates, as Baton's scoring alone gets them.
   */
  readonly latency: readonly ScoreLatency[];
  readonly latencyProducerLingerMs: number;
  /** Of the JVM that drained the backlogs. */
  readonly peakRssMiB: number;
  readonly check: PeerScoreCheck;
}

/**
 * The Kafka Streams peer (tools/streams-peer) on the same broker, after Baton's services have stopped: a fresh
 * JVM drains a backlog of `events` Zipf events like the pipeline's (same seed, its own lead ids), then a second
 * one warm, then scores events offered one at a time for its latency; then every lead's last score from the peer
 * is checked against Baton's pure domain.
 */
export async function streamsPeerBench(
  kafka: Kafka,
  admin: Admin,
  options: Pick<BenchOptions, 'brokers' | 'events' | 'leads' | 'partitions' | 'latencyEventsPerSecond' | 'latencySeconds'>,
  progress: (line: string) => void,
): Promise<StreamsPeerResult> {
  const jar = streamsPeerJar(progress);
  const model = readBenchModel();
  const applicationId = uniqueId('baton-bench-streams-peer');
  const workDir = resolve(stateDir(), 'bench', applicationId);
  mkdirSync(workDir, { recursive: true });
  const modelFile = resolve(workDir, 'model.json');
  writeFileSync(modelFile, `${JSON.stringify(peerModelOf(model), null, 2)}\n`);
  await createPeerTopic(admin, options.partitions);
  await startGroupAtEnd(admin, applicationId);

  const launch: StreamsPeerLaunch = {
    jar,
    brokers: options.brokers,
    applicationId,
    modelFile,
    stateDir: resolve(workDir, 'state'),
    outputTopic: PEER_SCORES_TOPIC,
    logFile: resolve(stateDir(), 'logs', 'bench-streams-peer.log'),
    ...PEER_TUNING,
  };
  const workload = new ZipfWorkload(options.leads, 7, 'peer');
  try {
    const drains = await withPeer(launch, async (peer, startupSeconds) => {
      progress('Kafka Streams peer: cold drain');
      const cold = await drainPeer(kafka, admin, peer, workload, options.events);
      progress('Kafka Streams peer: warm drain');
      const warm = await drainPeer(kafka, admin, peer, workload, options.events);
      return { startupSeconds, cold, warm, peakRssMiB: peakRssMiB(peer.pid) };
    });
    progress(`Kafka Streams peer, restarted with linger ${LATENCY_PRODUCER_LINGER_MS} ms: from an event produced to its score change`);
    const latencyLaunch = { ...launch, producerLingerMs: LATENCY_PRODUCER_LINGER_MS, logFile: resolve(stateDir(), 'logs', 'bench-streams-peer-latency.log') };
    const latency = await withPeer(latencyLaunch, () => scoreLatencies(kafka, workload, { topic: PEER_SCORES_TOPIC, eventIdField: 'eventId' }, options.latencyEventsPerSecond, options.latencySeconds));
    progress("Kafka Streams peer: every lead's score against Baton's pure domain");
    const check = await checkPeerScores(kafka, model, PEER_SCORES_TOPIC, `peer-${workload.run}-`);
    return { model: BENCH_MODEL_FILE, ...PEER_TUNING, ...drains, latency, latencyProducerLingerMs: LATENCY_PRODUCER_LINGER_MS, check };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A peer JVM from its launch to RUNNING (timed), used, and stopped (stores closed, offsets committed) whatever happens. */
async function withPeer<T>(launch: StreamsPeerLaunch, use: (peer: StreamsPeerProcess, startupSeconds: number) => Promise<T>): Promise<T> {
  const launched = process.hrtime.bigint();
  const peer = await StreamsPeerProcess.start(launch);
  try {
    return await use(peer, Number(process.hrtime.bigint() - launched) / 1e9);
  } finally {
    await peer.stop();
  }
}

async function drainPeer(kafka: Kafka, admin: Admin, peer: StreamsPeerProcess, workload: ZipfWorkload, count: number): Promise<PeerDrain> {
  const events = workload.events(count);
  const changesBefore = await topicEnd(admin, PEER_SCORES_TOPIC);
  const cpuBefore = cpuSeconds(peer.pid);
  const started = process.hrtime.bigint();
  await produceBacklog(kafka, events);
  let scoreChanges = 0;
  while ((scoreChanges = (await topicEnd(admin, PEER_SCORES_TOPIC)) - changesBefore) < count) {
    if (!peer.running) throw new Error('the Kafka Streams peer stopped during its drain (see .baton/logs/bench-streams-peer.log)');
    await sleep(50);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: count, scoreChanges, seconds, eventsPerSecond: count / seconds, cpuMicrosPerEvent: ((cpuSeconds(peer.pid) - cpuBefore) * 1e6) / count };
}

/** Kept as long as the input (retained forever, TOPIC_CATALOG): the check reads both to their ends. */
async function createPeerTopic(admin: Admin, partitions: number): Promise<void> {
  if ((await admin.listTopics()).includes(PEER_SCORES_TOPIC)) return;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: PEER_SCORES_TOPIC, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] }] });
}

/** The peer's group starts at the end of the engagement topic: it drains the bench's backlogs, not what came before. */
async function startGroupAtEnd(admin: Admin, groupId: string): Promise<void> {
  const ends = await admin.fetchTopicOffsets(ENGAGEMENT_EVENTS_TOPIC);
  await admin.setOffsets({ groupId, topic: ENGAGEMENT_EVENTS_TOPIC, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
}
