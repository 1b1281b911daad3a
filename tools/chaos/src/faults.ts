import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { API_SCOPES } from '@baton/api-key';
import type { BatonSystem, OwnInfrastructure, Service, WebhookReceiver } from '@baton/testing';
import type { SteadyLoad } from './steady-load';

export interface ChaosContext {
  readonly system: BatonSystem;
  readonly infra: OwnInfrastructure;
  readonly receiver: WebhookReceiver;
  readonly load: SteadyLoad;
  readonly random: () => number;
  /** How long an outage lasts. */
  readonly outageMs: number;
}

/** One fault: `inject` breaks something under the running load and returns once it has healed it. */
export interface Fault {
  readonly name: string;
  inject(context: ChaosContext): Promise<void>;
}

/** SIGKILL at a random moment (no shutdown hook, no commit), then started again as Kubernetes would. */
export function killFault(service: Service): Fault {
  return {
    name: `SIGKILL ${service}`,
    async inject({ system, random }) {
      await sleep(500 + Math.floor(random() * 2000));
      await system.kill(service);
      await system.restart(service);
    },
  };
}

/** The broker away for a while: ingest answers 503 meanwhile, every client reconnects when it is back. */
export const kafkaOutage: Fault = {
  name: 'Kafka broker stopped and started',
  async inject({ infra, outageMs }) {
    await infra.stopKafka();
    await sleep(outageMs);
    await infra.startKafka();
  },
};

/** Redis away for a while (it comes back with its append-only file): consumers pause, then resume. */
export const redisOutage: Fault = {
  name: 'Redis stopped and started',
  async inject({ infra, outageMs }) {
    await infra.stopRedis();
    await sleep(outageMs);
    await infra.startRedis();
  },
};

/** The sales webhook answers 503, then takes requests and never answers, then recovers. */
export const webhookOutage: Fault = {
  name: 'webhook failing, then hanging',
  async inject({ receiver, outageMs }) {
    receiver.setMode({ kind: 'failing', status: 503 });
    await sleep(outageMs);
    receiver.setMode({ kind: 'hanging' });
    await sleep(outageMs);
    receiver.setMode({ kind: 'normal' });
  },
};

/**
 * Redis lost entirely: the runbook's recovery (docs/runbook.md), under the load,
 * which ingest refuses meanwhile: stop the services, rebuild scoring, lifecycle, identities and alerts from the log,
 * create the API key again, start the services.
 */
export const redisLoss: Fault = {
  name: 'Redis flushed, state rebuilt from Kafka',
  async inject({ system, infra }) {
    const services: Service[] = ['ingest', 'scoring', 'lifecycle', 'notifier'];
    for (const service of services) await system.terminate(service);
    const redis = new Redis(infra.redisUrl);
    try {
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
    await system.runCommand('scoring', 'rebuild');
    await system.runCommand('lifecycle', 'rebuild');
    await system.runCommand('ingest', 'rebuild-identities');
    await system.runCommand('notifier', 'rebuild');
    system.apiKey = (await system.createApiKey(API_SCOPES)).key;
    for (const service of services) await system.restart(service);
  },
};
