import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC } from '@baton/contracts';
import { stateDir, topicEnd, uniqueId, ZipfWorkload } from '@baton/testing';
import { produceBacklog } from './bulk-produce';
import { cpuSeconds, peakRssMiB } from './process-stats';
import { checkPeerScores, type PeerScoreCheck } from './streams-peer-check';
import { streamsPeerJar } from './streams-peer-jar';
import { BENCH_MODEL_FILE, peerModelOf, readBenchModel } from './streams-peer-model';
import { StreamsPeerProcess, type StreamsPeerLaunch } from './streams-peer-process';

/** The peer's own output topic: one score change per new event. */
export const PEER_SCORES_TOPIC = 'baton.bench.peer-scores.v1';

/** One stream thread per core of the 2-core box the figures are for; the guarantee docs/benchmarking.md argues. */
const PEER_TUNING = { threads: 2, guarantee: 'at_least_once' } as const;

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
  /** From the JVM's launch to Kafka Streams RUNNING. */
  readonly startupSeconds: number;
  /** The first backlog, on a fresh JVM with empty stores. */
  readonly cold: PeerDrain;
  /** A second backlog of the same shape over the same leads, on the JVM the first warmed. */
  readonly warm: PeerDrain;
  readonly peakRssMiB: number;
  readonly check: PeerScoreCheck;
}

/**
 * The Kafka Streams peer (tools/streams-peer) on the same broker, after Baton's services have stopped: a fresh
 * JVM drains a backlog of `events` Zipf events like the pipeline's (same seed, its own lead ids), then a second
 * one warm; then every lead's last score from the peer is checked against Baton's pure domain.
 */
export async function streamsPeerBench(kafka: Kafka, admin: Admin, options: { readonly brokers: string; readonly events: number; readonly leads: number; readonly partitions: number }, progress: (line: string) => void): Promise<StreamsPeerResult> {
  const jar = streamsPeerJar(progress);
  const model = readBenchModel();
  const applicationId = uniqueId('baton-bench-streams-peer');
  const workDir = resolve(stateDir(), 'bench', applicationId);
  mkdirSync(workDir, { recursive: true });
  const modelFile = resolve(workDir, 'model.json');
  writeFileSync(modelFile, `${JSON.stringify(peerModelOf(model), null, 2)}\n`);
  await createPeerTopic(admin, options.partitions);
  await startGroupAtEnd(admin, applicationId);

  const launch: StreamsPeerLaunch = { jar, brokers: options.brokers, applicationId, modelFile, stateDir: resolve(workDir, 'state'), outputTopic: PEER_SCORES_TOPIC, logFile: resolve(stateDir(), 'logs', 'bench-streams-peer.log'), ...PEER_TUNING };
  const launched = process.hrtime.bigint();
  const peer = await StreamsPeerProcess.start(launch);
  try {
    const startupSeconds = Number(process.hrtime.bigint() - launched) / 1e9;
    const workload = new ZipfWorkload(options.leads, 7, 'peer');
    progress('Kafka Streams peer: cold drain');
    const cold = await drainPeer(kafka, admin, peer, workload, options.events);
    progress('Kafka Streams peer: warm drain');
    const warm = await drainPeer(kafka, admin, peer, workload, options.events);
    const peak = peakRssMiB(peer.pid);
    await peer.stop();
    progress("Kafka Streams peer: every lead's score against Baton's pure domain");
    const check = await checkPeerScores(kafka, model, PEER_SCORES_TOPIC, `peer-${workload.run}-`);
    return { model: BENCH_MODEL_FILE, ...PEER_TUNING, startupSeconds, cold, warm, peakRssMiB: peak, check };
  } finally {
    await peer.stop();
    rmSync(workDir, { recursive: true, force: true });
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
