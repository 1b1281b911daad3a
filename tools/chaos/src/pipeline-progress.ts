import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, LEAD_QUALIFIED_TOPIC, SALES_FEEDBACK_TOPIC, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { groupLag } from '@baton/testing';

// The notifier's queue of deliveries waiting or leased (apps/notifier/src/delivery/delivery.store.ts).
const DUE_DELIVERIES_KEY = 'baton:notifier:due';

export interface Backlog {
  readonly scoring: number;
  readonly lifecycle: number;
  readonly notifier: number;
  readonly dueAlerts: number;
}

/** How far behind the pipeline is: each consumer group's lag, and the alerts not yet delivered. */
export class PipelineProgress {
  private constructor(
    private readonly admin: Admin,
    private readonly redis: Redis,
    private readonly groupPrefix: string,
  ) {}

  static async connect(kafkaBrokers: string, redisUrl: string, groupPrefix: string): Promise<PipelineProgress> {
    const admin = new Kafka({ clientId: 'baton-chaos-progress', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    // Fail fast while Redis is away: the probe is asked again, it must not queue commands for later.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
    return new PipelineProgress(admin, redis, groupPrefix);
  }

  private async backlog(): Promise<Backlog> {
    const [scoring, lifecycle, notifier, dueAlerts] = await Promise.all([
      groupLag(this.admin, `${this.groupPrefix}-scoring`, [ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC]),
      groupLag(this.admin, `${this.groupPrefix}-lifecycle`, [SCORE_CHANGES_TOPIC, SALES_FEEDBACK_TOPIC]),
      groupLag(this.admin, `${this.groupPrefix}-notifier`, [LEAD_QUALIFIED_TOPIC]),
      this.redis.zcard(DUE_DELIVERIES_KEY),
    ]);
    return { scoring, lifecycle, notifier, dueAlerts };
  }

  /**
   * Waits until no stage is more than `slack` messages (or alerts) behind, twice in a row; resolves with how long
   * that took. Under a steady load a backlog of a fraction of a second's work is the normal state.
   */
  async waitUntilCaughtUp(slack: number, timeoutMs: number, log: (line: string) => void = () => undefined): Promise<number> {
    const started = Date.now();
    let lastLogged = started;
    let inARow = 0;
    let last: Backlog | string = 'not measured';
    while (Date.now() - started < timeoutMs) {
      try {
        last = await this.backlog();
        const behind = Math.max(last.scoring, last.lifecycle, last.notifier, last.dueAlerts);
        inARow = behind <= slack ? inARow + 1 : 0;
        if (inARow === 2) return Date.now() - started;
        if (Date.now() - lastLogged >= 5000) {
          lastLogged = Date.now();
          log(`  behind: ${JSON.stringify(last)}`);
        }
      } catch (error: unknown) {
        last = error instanceof Error ? error.message : String(error);
        inARow = 0;
      }
      await sleep(250);
    }
    throw new Error(`the pipeline did not catch up within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
    this.redis.disconnect();
  }
}
