import type { StartedTestContainer } from 'testcontainers';

export interface TestInfrastructure {
  readonly kafkaBrokers: string;
  readonly redisUrl: string;
  stop(): Promise<void>;
}

// @testcontainers/kafka drives Confluent's image; tags 8.x ship Apache Kafka 4.x and run in KRaft mode.
const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';
const REDIS_IMAGE = 'redis:7-alpine';

/**
 * KAFKA_BROKERS and REDIS_URL always win. Without them, testcontainers starts both where a Docker engine is
 * reachable; with neither, the run stops with a message saying how to start the project's own.
 */
export async function resolveTestInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<TestInfrastructure> {
  const kafkaBrokers = env['KAFKA_BROKERS'];
  const redisUrl = env['REDIS_URL'];
  if (kafkaBrokers && redisUrl) return { kafkaBrokers, redisUrl, stop: async () => undefined };

  if (!(await dockerReachable())) {
    throw new Error(
      'Integration tests need a real Kafka and Redis: run them through `npm test` (which starts both), ' +
        'or `eval "$(scripts/infra.sh up)"` first, or set KAFKA_BROKERS and REDIS_URL, or make a Docker engine reachable.',
    );
  }
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { RedisContainer } = await import('@testcontainers/redis');
  const started: StartedTestContainer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((container) => container.stop()));
  };
  try {
    const kafka = kafkaBrokers ? undefined : await new KafkaContainer(KAFKA_IMAGE).start();
    if (kafka) started.push(kafka);
    const redis = redisUrl ? undefined : await new RedisContainer(REDIS_IMAGE).start();
    if (redis) started.push(redis);
    return {
      kafkaBrokers: kafkaBrokers ?? `${kafka?.getHost()}:${kafka?.getMappedPort(9093)}`,
      redisUrl: redisUrl ?? (redis?.getConnectionUrl() as string),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function dockerReachable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
