import { cpus, totalmem } from 'node:os';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { API_SCOPES } from '@baton/api-key';
import { SCORE_CHANGES_TOPIC, TOPIC_CATALOG } from '@baton/contracts';
import { createAdmin, ensureTopics } from '@baton/kafka';
import { BatonSystem, createTestApiKey, uniqueId, WebhookReceiver, ZipfWorkload, type BatonSystemOptions, type Service } from '@baton/testing';
import { ingestHttp, type IngestHttpResult } from './ingest-http.bench';
import { kafkaBaseline, type KafkaBaseline } from './kafka-baseline.bench';
import { latencyUnderLoad, type LatencyResult } from './latency.bench';
import { drainPipeline, sustainPipeline, type MeasuredDrain, type PipelineSustained } from './pipeline.bench';
import { cpuSharesDuring, peakRssMiB } from './process-stats';
import { redisBaseline, type RedisBaseline } from './redis-baseline.bench';
import { scoreLatencies, type ScoreLatency } from './score-latency.bench';
import { streamsPeerBench, type StreamsPeerResult } from './streams-peer.bench';

export interface BenchOptions {
  readonly brokers: string;
  readonly redisUrl: string;
  /** Events of the Kafka baseline and of the pipeline backlog. */
  readonly events: number;
  readonly leads: number;
  readonly ingestSeconds: number;
  readonly sustainedEventsPerSecond: number;
  readonly sustainedSeconds: number;
  /** Steady loads for the latency runs: the target's, and one below what this machine sustains. */
  readonly latencyEventsPerSecond: readonly number[];
  readonly latencySeconds: number;
  readonly partitions: number;
  /** Run the Kafka Streams peer (tools/streams-peer) on the pipeline's workload after Baton's drain. */
  readonly peer: boolean;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number; readonly node: string };
  readonly options: Omit<BenchOptions, 'brokers' | 'redisUrl'>;
  readonly kafka: KafkaBaseline;
  readonly redis: RedisBaseline;
  readonly ingest: readonly IngestHttpResult[];
  /** The first backlog, cold: scoring and lifecycle just started, the leads new to them. */
  readonly pipeline: MeasuredDrain & { readonly ratioToRawConsume: number };
  /** A second backlog of the same size and shape (new events, the same leads) on the processes the first warmed. */
  readonly pipelineWarm: MeasuredDrain;
  readonly sustained: PipelineSustained;
  readonly latency: readonly LatencyResult[];
  /** Scoring alone, from an event produced to its score change read back, beside the peer's; absent without the peer. */
  readonly scoringLatency?: readonly ScoreLatency[];
  readonly memory: { readonly peakRssMiB: Record<string, number>; readonly redisBytesPerLead: number };
  /** Absent when the run had no peer (`--quick` without `--peer`, or `--no-peer`). */
  readonly streamsPeer?: StreamsPeerResult;
}

/**
 * Every benchmark in one run on the local Kafka and Redis, each service a real process built from dist/apps: the raw
 * baselines first, then ingest alone, then scoring and lifecycle draining a backlog cold and a second one warm and
 * keeping up with a steady rate, then (when the peer runs) scoring alone's latency and the Kafka Streams peer, then
 * the four services and a webhook receiver for the end-to-end latency.
 */
export async function runBenchmarks(options: BenchOptions, progress: (line: string) => void): Promise<BenchReport> {
  const kafka = new Kafka({ clientId: 'baton-bench', brokers: options.brokers.split(','), logLevel: logLevel.NOTHING });
  const redis = new Redis(options.redisUrl);
  const admin = createAdmin(kafka);
  await admin.connect();
  const systems: BatonSystem[] = [];
  const webhookSecret = BatonSystem.newWebhookSecret();
  const receiver = await WebhookReceiver.start(webhookSecret);
  try {
    await ensureTopics(
      kafka,
      TOPIC_CATALOG.map((topic) => topic.name),
      { partitions: options.partitions, replicationFactor: 1 },
    );
    const workload = new ZipfWorkload(options.leads);
    const env = { LOG_LEVEL: 'warn', KAFKA_TOPIC_PARTITIONS: String(options.partitions) };

    progress('Kafka and Redis baselines');
    const kafkaResult = await kafkaBaseline(
      kafka,
      workload.events(options.events).map((event) => ({ key: event.leadId, value: JSON.stringify(event) })),
      options.partitions,
    );
    const redisResult = await redisBaseline(redis, Math.min(options.events, 50_000));

    progress('ingest over HTTP');
    const { key } = await createTestApiKey(options.redisUrl, API_SCOPES, { perSecond: 1_000_000, burst: 1_000_000 });
    const start = (services: readonly Service[], logPrefix: string, groupPrefix = uniqueId('baton-bench')): Promise<BatonSystem> =>
      startSystem(systems, services, { webhookUrl: receiver.url, webhookSecret, logPrefix, env, consumerGroupPrefix: groupPrefix });
    const ingestOnly = await start(['ingest'], 'bench-ingest');
    const ingestPid = ingestOnly.pidOf('ingest') as number;
    const ingest = [
      await ingestHttp(ingestOnly.ingestUrl, key, ingestPid, workload, 1, options.ingestSeconds, 32),
      await ingestHttp(ingestOnly.ingestUrl, key, ingestPid, workload, 100, options.ingestSeconds, 8),
    ];
    const ingestPeak = peakRssMiB(ingestPid);
    await ingestOnly.stop();

    progress('scoring and lifecycle: a backlog cold, a second one warm, then a steady rate');
    const prefix = uniqueId('baton-bench');
    const groups = { scoring: `${prefix}-scoring`, lifecycle: `${prefix}-lifecycle` };
    const memoryBefore = await usedMemory(redis);
    const pipelineSystem = await start(['scoring', 'lifecycle'], 'bench-pipeline', prefix);
    const pids = { scoring: pipelineSystem.pidOf('scoring') as number, lifecycle: pipelineSystem.pidOf('lifecycle') as number };
    const redisPid = Number((await redis.info('server')).match(/process_id:(\d+)/)?.[1]);
    const drain = async (): Promise<MeasuredDrain> => {
      const drained = await cpuSharesDuring({ ...pids, redis: redisPid }, () => drainPipeline(kafka, admin, groups, workload, options.events));
      return { ...drained.result, cpuShare: drained.shares };
    };
    const cold = await drain();
    const redisBytesPerLead = ((await usedMemory(redis)) - memoryBefore) / cold.leads;
    const warm = await drain();
    const sustained = await sustainPipeline(kafka, admin, groups, workload, options.sustainedEventsPerSecond, options.sustainedSeconds);
    const pipelinePeaks = { scoring: peakRssMiB(pids.scoring), lifecycle: peakRssMiB(pids.lifecycle) };
    await pipelineSystem.stop();

    let scoringLatency: ScoreLatency[] | undefined;
    if (options.peer) {
      progress('scoring alone: from an event produced to its score change, beside the peer');
      const scoringAlone = await start(['scoring'], 'bench-scoring-latency');
      scoringLatency = await scoreLatencies(kafka, workload, { topic: SCORE_CHANGES_TOPIC, eventIdField: 'causeEventId' }, options.latencyEventsPerSecond, options.latencySeconds);
      await scoringAlone.stop();
    }
    // After Baton's services stopped, so that the two never share the CPU.
    const streamsPeer = options.peer ? await streamsPeerBench(kafka, admin, options, progress) : undefined;

    progress('latency from HTTP acceptance to LeadQualified and to the alert');
    const full = await start(['ingest', 'scoring', 'lifecycle', 'notifier'], 'bench-latency');
    const latency: LatencyResult[] = [];
    for (const rate of options.latencyEventsPerSecond) latency.push(await latencyUnderLoad(kafka, full.ingestUrl, key, receiver, workload, rate, options.latencySeconds));
    const notifierPeak = peakRssMiB(full.pidOf('notifier') as number);
    await full.stop();

    return {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      options: {
        events: options.events,
        leads: options.leads,
        ingestSeconds: options.ingestSeconds,
        sustainedEventsPerSecond: options.sustainedEventsPerSecond,
        sustainedSeconds: options.sustainedSeconds,
        latencyEventsPerSecond: options.latencyEventsPerSecond,
        latencySeconds: options.latencySeconds,
        partitions: options.partitions,
        peer: options.peer,
      },
      kafka: kafkaResult,
      redis: redisResult,
      ingest,
      pipeline: { ...cold, ratioToRawConsume: cold.pipelineEventsPerSecond / kafkaResult.consumeMessagesPerSecond },
      pipelineWarm: warm,
      sustained,
      latency,
      ...(scoringLatency ? { scoringLatency } : {}),
      memory: { peakRssMiB: { ingest: ingestPeak, ...pipelinePeaks, notifier: notifierPeak }, redisBytesPerLead },
      ...(streamsPeer ? { streamsPeer } : {}),
    };
  } finally {
    await Promise.allSettled(systems.map((system) => system.stop()));
    await receiver.stop();
    await admin.disconnect();
    redis.disconnect();
  }
}

async function startSystem(systems: BatonSystem[], services: readonly Service[], options: Omit<BatonSystemOptions, 'services'>): Promise<BatonSystem> {
  const system = new BatonSystem();
  systems.push(system);
  await system.start({ ...options, services });
  return system;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number((await redis.info('memory')).match(/used_memory:(\d+)/)?.[1] ?? 0);
}
