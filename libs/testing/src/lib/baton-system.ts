import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { RateLimit } from '@baton/api-auth';
import { API_SCOPES, type ApiScope } from '@baton/api-key';
import { startConsumerGroupsAtEnd } from './consumer-groups-from-now';
import { createTestApiKey, revokeTestApiKey } from './test-api-keys';
import { waitFor } from './wait-for';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** Where a run keeps its infrastructure and logs: BATON_STATE_DIR, as scripts/infra.sh reads it, else .baton. */
export function stateDir(): string {
  return resolve(process.env['BATON_STATE_DIR'] || resolve(WORKSPACE_ROOT, '.baton'));
}
const SERVICES = ['ingest', 'scoring', 'lifecycle', 'notifier'] as const;
export type Service = (typeof SERVICES)[number];

export interface BatonSystemOptions {
  readonly webhookUrl: string;
  readonly webhookSecret: string;
  /** The services' default ports (3000-3003) instead of free ones: the demo, so that users can curl ingest. */
  readonly defaultPorts?: boolean;
  /** Consumer groups `<prefix>-<service>`; a fresh prefix makes a test run independent of earlier ones. */
  readonly consumerGroupPrefix: string;
  /** Log files are `<logPrefix>-<service>.log` in the state directory's logs/. */
  readonly logPrefix: string;
  /** The services to run (all four by default). */
  readonly services?: readonly Service[];
  /** More environment variables for every service. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Consumers start at the beginning of the topics, as a new group in production does. By default they start at
   * their end: a test, benchmark or replay handles what it produces, not the backlog earlier runs left.
   */
  readonly readTopicsFromStart?: boolean;
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses), for profiling. */
  readonly nodeArgs?: readonly string[];
  /** Kafka and Redis of the system; by default KAFKA_BROKERS and REDIS_URL of this process. */
  readonly kafkaBrokers?: string;
  readonly redisUrl?: string;
}

const DEFAULT_PORTS: Record<Service, number> = { ingest: 3000, scoring: 3001, lifecycle: 3002, notifier: 3003 };

/** The four built services (dist/apps/<service>/main.js) as real processes, for the end-to-end tests and the demo. */
export class BatonSystem {
  private readonly processes = new Map<Service, ChildProcess>();
  private options: BatonSystemOptions | undefined;
  /** Set by stop(): a start still under way (a Ctrl-C while services start) spawns nothing more. */
  private stopped = false;
  readonly ports = new Map<Service, number>();
  /** A key with every scope, created at start: what `authorized()` sends. */
  apiKey = '';

  static newWebhookSecret(): string {
    return `whsec_${randomBytes(32).toString('base64')}`;
  }

  get ingestUrl(): string {
    return this.urlOf('ingest');
  }

  urlOf(service: Service): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  /** The process id of a running service (benchmarks read its CPU time and peak memory from /proc). */
  pidOf(service: Service): number | undefined {
    return this.processes.get(service)?.pid;
  }

  /** Where a service's stdout and stderr go. */
  logFileOf(service: Service): string {
    return resolve(stateDir(), `logs/${this.requireOptions().logPrefix}-${service}.log`);
  }

  /** Headers of a JSON request made with the system's all-scopes key (or the one given). */
  authorized(key: string = this.apiKey): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  }

  /** A new API key in the system's Redis, as `npm run api-keys -- create` makes one. */
  async createApiKey(scopes: readonly ApiScope[], rateLimit?: RateLimit): Promise<{ key: string; keyId: string }> {
    return createTestApiKey(this.redisUrl, scopes, rateLimit);
  }

  async revokeApiKey(keyId: string): Promise<void> {
    await revokeTestApiKey(this.redisUrl, keyId);
  }

  get kafkaBrokers(): string {
    return this.options?.kafkaBrokers ?? requiredEnv('KAFKA_BROKERS');
  }

  get redisUrl(): string {
    return this.options?.redisUrl ?? requiredEnv('REDIS_URL');
  }

  async start(options: BatonSystemOptions): Promise<void> {
    this.options = options;
    mkdirSync(resolve(stateDir(), 'logs'), { recursive: true });
    this.apiKey = (await this.createApiKey(API_SCOPES)).key;
    const services = options.services ?? SERVICES;
    if (options.readTopicsFromStart !== true) await startConsumerGroupsAtEnd(this.kafkaBrokers, options.consumerGroupPrefix, services, Number(options.env?.['KAFKA_TOPIC_PARTITIONS'] ?? 6));
    for (const service of services) this.spawn(service, options.defaultPorts ? DEFAULT_PORTS[service] : await freePort());
    for (const service of services) await this.waitUntilReady(service);
  }

  /** Kills a service the hard way (no shutdown hooks, no offset commit), as a crash or an OOM kill would. */
  async kill(service: Service): Promise<void> {
    const child = this.processes.get(service);
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  /** Stops a service as Kubernetes does (SIGTERM); resolves with how it exited and how long it took. */
  async terminate(service: Service): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.processes.get(service);
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null, ms: 0 };
    const started = Date.now();
    return new Promise((done) => {
      child.once('exit', (code, signal) => done({ code, signal, ms: Date.now() - started }));
      child.kill('SIGTERM');
    });
  }

  /** Starts a service again on the same port, with the same settings; resolves once it is ready. */
  async restart(service: Service): Promise<void> {
    this.spawn(service, this.ports.get(service) ?? (await freePort()));
    await this.waitUntilReady(service);
  }

  /**
   * Runs one of a service's commands (`rebuild`, ...) with the service's settings, as an operator runs it from
   * the same image; resolves once it exited 0, with what it printed.
   */
  async runCommand(service: Service, command: string): Promise<string> {
    const child = spawn(process.execPath, [resolve(WORKSPACE_ROOT, `dist/apps/${service}/main.js`), command], {
      env: this.envOf(service, this.ports.get(service) ?? DEFAULT_PORTS[service]),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
    if (code !== 0) throw new Error(`${service} ${command} exited with ${code}: ${output.slice(-2000)}`);
    return output;
  }

  private envOf(service: Service, port: number): NodeJS.ProcessEnv {
    const options = this.requireOptions();
    return {
      PATH: process.env['PATH'],
      KAFKA_BROKERS: this.kafkaBrokers,
      REDIS_URL: this.redisUrl,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      PORT: String(port),
      KAFKA_CONSUMER_GROUP: `${options.consumerGroupPrefix}-${service}`,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      // Not read by the services: it marks them as this run's processes (the start-up test looks for leftovers by it).
      BATON_STATE_DIR: stateDir(),
      INGEST_PRODUCE_TIMEOUT_MS: '3000',
      NOTIFIER_WEBHOOK_URL: options.webhookUrl,
      NOTIFIER_WEBHOOK_SECRET: options.webhookSecret,
      NOTIFIER_RETRY_BACKOFF_MS: '100',
      // The local webhook receiver is on loopback, which the notifier refuses unless allowlisted.
      NOTIFIER_ALLOWED_DESTINATIONS: '127.0.0.1',
      ...options.env,
    };
  }

  private spawn(service: Service, port: number): void {
    if (this.stopped) throw new Error(`not starting ${service}: the system was stopped`);
    const options = this.requireOptions();
    this.ports.set(service, port);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), resolve(WORKSPACE_ROOT, `dist/apps/${service}/main.js`)], {
      env: this.envOf(service, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(this.logFileOf(service), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.processes.set(service, child);
  }

  private async waitUntilReady(service: Service): Promise<void> {
    await waitFor(
      `${service} to be ready (see ${this.logFileOf(service)})`,
      async () => {
        const child = this.processes.get(service);
        if (child?.exitCode !== null) throw new Error(`${service} exited with ${child?.exitCode}; the end of its log:\n${tailOf(this.logFileOf(service))}`);
        const response = await fetch(`http://127.0.0.1:${this.ports.get(service)}/health/ready`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      60_000,
      250,
    );
  }

  private requireOptions(): BatonSystemOptions {
    if (this.options === undefined) throw new Error('BatonSystem.start() first');
    return this.options;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.processes.values()].map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** The last lines of a log file: why a service that exited at start did so, in the error that reports it. */
function tailOf(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : `(no log at ${file})`;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: start the infrastructure first (scripts/infra.sh up)`);
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
