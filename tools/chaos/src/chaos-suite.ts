import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseScoringModel } from '@baton/scoring-model-file';
import { BatonSystem, mulberry32, uniqueId, WebhookReceiver, WORKSPACE_ROOT, ZipfWorkload, type OwnInfrastructure } from '@baton/testing';
import { checkOutcome, type Outcome } from './check-outcome';
import { kafkaOutage, killFault, redisLoss, redisOutage, webhookOutage, type ChaosContext, type Fault } from './faults';
import { PipelineProgress } from './pipeline-progress';
import { SteadyLoad } from './steady-load';

export interface ChaosOptions {
  readonly leads: number;
  readonly eventsPerSecond: number;
  /** SIGKILLs of each consumer service. */
  readonly killsPerService: number;
  readonly outageMs: number;
  /** Load alone between two faults. */
  readonly settleMs: number;
  readonly seed: number;
}

export const QUICK_CHAOS: ChaosOptions = { leads: 60, eventsPerSecond: 100, killsPerService: 1, outageMs: 3000, settleMs: 1500, seed: 11 };
export const FULL_CHAOS: ChaosOptions = { leads: 400, eventsPerSecond: 150, killsPerService: 3, outageMs: 10_000, settleMs: 4000, seed: 11 };

export interface FaultRecord {
  readonly fault: string;
  readonly injected: number;
  /** From healing the fault until every stage of the pipeline had caught up again, per injection. */
  readonly recoveryMs: readonly number[];
}

export interface ChaosReport {
  readonly options: ChaosOptions;
  readonly faults: readonly FaultRecord[];
  /** Ingest's answers to the sender: 202, 503, network, ... */
  readonly ingestAnswers: Readonly<Record<string, number>>;
  readonly outcome: Outcome;
  readonly durationMs: number;
}

/** The faults of a run, in order: each consumer killed in turn (repeatedly), then the outages, then Redis lost. */
function faultPlan(options: ChaosOptions): Fault[] {
  const kills = Array.from({ length: options.killsPerService }, () => (['scoring', 'lifecycle', 'notifier'] as const).map(killFault)).flat();
  return [...kills, kafkaOutage, redisOutage, webhookOutage, redisLoss];
}

/**
 * Runs the built services on the suite's own Kafka and Redis under a steady load, injects every fault of the
 * plan, lets the pipeline drain, and compares what the system did with the pure domain's answer.
 */
export async function runChaos(infra: OwnInfrastructure, options: ChaosOptions, log: (line: string) => void = () => undefined): Promise<ChaosReport> {
  const started = Date.now();
  const model = parseScoringModel(readFileSync(resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.yaml'), 'utf8'));
  const secret = BatonSystem.newWebhookSecret();
  const receiver = await WebhookReceiver.start(secret);
  const system = new BatonSystem();
  const groupPrefix = uniqueId('chaos');
  const random = mulberry32(options.seed);
  let progress: PipelineProgress | undefined;
  try {
    await system.start({
      webhookUrl: receiver.url,
      webhookSecret: secret,
      consumerGroupPrefix: groupPrefix,
      logPrefix: 'chaos',
      kafkaBrokers: infra.kafkaBrokers,
      redisUrl: infra.redisUrl,
      // Its own broker: the groups may read from the start. No inactivity sweep: the oracle has no clock.
      readTopicsFromStart: true,
      env: { LIFECYCLE_INACTIVITY_SWEEP_MS: '0', NOTIFIER_WEBHOOK_TIMEOUT_MS: '1000', NOTIFIER_RETRY_BACKOFF_MS: '200' },
    });
    progress = await PipelineProgress.connect(infra.kafkaBrokers, infra.redisUrl, groupPrefix);
    const workload = new ZipfWorkload(options.leads, options.seed, 'chaos');
    const load = new SteadyLoad(
      () => system.ingestUrl,
      () => system.apiKey,
      workload,
      { eventsPerSecond: options.eventsPerSecond, batchSize: 20, maxInFlight: 8, resendShare: 0.03 },
      random,
    );
    const context: ChaosContext = { system, infra, receiver, load, random, outageMs: options.outageMs };
    const slack = Math.max(20, options.eventsPerSecond / 2);

    load.start();
    await sleep(options.settleMs);
    const records = new Map<string, number[]>();
    for (const fault of faultPlan(options)) {
      log(`fault: ${fault.name}`);
      await fault.inject(context);
      const recoveryMs = await progress.waitUntilCaughtUp(slack, 180_000, log);
      log(`  caught up ${recoveryMs} ms after healing`);
      records.set(fault.name, [...(records.get(fault.name) ?? []), recoveryMs]);
      await sleep(options.settleMs);
    }
    log('load stopped; draining');
    await load.stop(120_000);
    await progress.waitUntilCaughtUp(0, 180_000, log);
    const outcome = await checkOutcome(system, receiver, model, load.accepted);
    return {
      options,
      faults: [...records].map(([fault, recoveryMs]) => ({ fault, injected: recoveryMs.length, recoveryMs })),
      ingestAnswers: Object.fromEntries(load.answers),
      outcome,
      durationMs: Date.now() - started,
    };
  } finally {
    await progress?.close();
    await system.stop();
    await receiver.stop();
  }
}
