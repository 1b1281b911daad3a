import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';

interface KafkaJSErrorShape {
  readonly name?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
}

/**
 * A broker answer that means "not now, ask again": a partition between leaders or not loaded yet on a broker that
 * just started (NOT_LEADER_OR_FOLLOWER, LEADER_NOT_AVAILABLE), a group coordinator loading, a connection dropped.
 * kafkajs marks these `retriable`; when its own retries ran out it wraps the last one, which counts as well.
 */
export function isTransientKafkaError(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { name, retriable, cause } = current as KafkaJSErrorShape;
    if (typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true) return true;
    current = cause;
  }
  return false;
}

export interface TransientRetryOptions {
  /** How long a broker may keep answering "not now" before the error is the caller's (a leader election takes seconds). */
  readonly timeoutMs?: number;
  readonly initialBackoffMs?: number;
}

/** Runs `operation` again, with doubling backoff up to a second, for as long as it fails transiently and time is left. */
export async function retryTransient<T>(operation: () => Promise<T>, options: TransientRetryOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let backoff = options.initialBackoffMs ?? 100; ; backoff = Math.min(backoff * 2, 1000)) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransientKafkaError(error) || Date.now() + backoff > deadline) throw error;
    }
    await sleep(backoff);
  }
}

const NOT_RETRIED: ReadonlySet<PropertyKey> = new Set(['connect', 'disconnect', 'on', 'logger', 'events']);

/**
 * The admin client every command and tool uses: each request is retried while the broker answers transiently.
 * kafkajs' admin gives up at once on some of them (fetchTopicOffsets on NOT_LEADER_OR_FOLLOWER, which a freshly
 * created topic answers until its partitions are loaded).
 */
export function createAdmin(kafka: Kafka, options: TransientRetryOptions = {}): Admin {
  const admin = kafka.admin();
  return new Proxy(admin, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || NOT_RETRIED.has(property)) return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => retryTransient(() => Promise.resolve(method.apply(target, args)), options);
    },
  });
}
