import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from './baton-system';

const run = promisify(execFile);
const INFRA_SCRIPT = resolve(WORKSPACE_ROOT, 'scripts/infra.sh');

/**
 * A Kafka broker and a Redis of a test's own (scripts/infra.sh in a state directory of its own, new ports), started
 * for the first time: the chaos suite stops them, flushes Redis and rewinds scoring to the start of the topics,
 * which must touch nothing of a developer's or another test's; other tests see what a broker that just started does.
 */
export class OwnInfrastructure {
  private constructor(
    private readonly stateDir: string,
    readonly kafkaBrokers: string,
    readonly redisUrl: string,
  ) {}

  static async start(ownStateDir: string): Promise<OwnInfrastructure> {
    rmSync(ownStateDir, { recursive: true, force: true });
    const printed = await infra(ownStateDir, 'up');
    const exported = (name: string): string => {
      const value = new RegExp(`^export ${name}=(.+)$`, 'm').exec(printed)?.[1];
      if (value === undefined) throw new Error(`scripts/infra.sh up printed no ${name}: ${printed}`);
      return value;
    };
    return new OwnInfrastructure(ownStateDir, exported('KAFKA_BROKERS'), exported('REDIS_URL'));
  }

  async stopKafka(): Promise<void> {
    await infra(this.stateDir, 'kafka-stop');
  }

  async startKafka(): Promise<void> {
    await infra(this.stateDir, 'kafka-start');
  }

  /** Redis keeps an append-only file (as in docker-compose.yml), so it comes back with its data. */
  async stopRedis(): Promise<void> {
    await infra(this.stateDir, 'redis-stop');
  }

  async startRedis(): Promise<void> {
    await infra(this.stateDir, 'redis-start');
  }

  async stop(): Promise<void> {
    await infra(this.stateDir, 'down');
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

async function infra(stateDir: string, command: string): Promise<string> {
  // Without KAFKA_BROKERS / REDIS_URL (and the caller's fixed ports), infra.sh starts its own on free ports.
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_STATE_DIR: stateDir };
  for (const name of ['KAFKA_BROKERS', 'REDIS_URL', 'BATON_KAFKA_PORT', 'BATON_KAFKA_CONTROLLER_PORT', 'BATON_REDIS_PORT']) delete env[name];
  const { stdout } = await run('bash', [INFRA_SCRIPT, command], { env, maxBuffer: 1 << 20 });
  return stdout;
}
