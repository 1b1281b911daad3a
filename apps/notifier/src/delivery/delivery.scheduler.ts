import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { runWithTrace } from '@baton/telemetry';
import type { AlertChannel } from '../channels/channel';
import { AttemptRunner } from './attempt.runner';
import { ChannelLookup } from './channel-registry';
import { isSendable, type QueuedAlert, type SendableRecord } from './delivery-record';
import { DeliveryStore } from './delivery.store';
import { LeaseKeeper } from './lease.keeper';

const POLL_MS = 100;
const PAGE = 200;

/**
 * Finds the due alerts and starts their attempts, each channel with its own concurrency limit, so that a slow or
 * dead endpoint holds its own slots and never delays alerts to other endpoints, and no partition waits on a retry.
 * A due alert is leased (LeaseKeeper), then attempted (AttemptRunner); one whose delivery is settled leaves the queue.
 */
@Injectable()
export class DeliveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryScheduler.name);
  private readonly attemptsByChannel = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollAgain = false;
  private stopped = false;

  constructor(
    private readonly store: DeliveryStore,
    private readonly leases: LeaseKeeper,
    private readonly channels: ChannelLookup,
    private readonly attempts: AttemptRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poll(false), POLL_MS);
  }

  /**
   * New alerts are due at once: look now instead of at the next tick, so that an alert leaves within milliseconds
   * of its qualification (the tick stays, for retries and for alerts queued by other instances).
   */
  deliverDueNow(): void {
    this.poll(true);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** One pass at a time; `again`: if one is running, make another right after it (new alerts may have missed it). */
  private poll(again: boolean): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain ||= again;
      return;
    }
    this.polling = true;
    this.pollDue()
      .catch((error: unknown) => this.logger.warn(`delivery poll failed, retried: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.polling = false;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poll(false);
        }
      });
  }

  private async pollDue(): Promise<void> {
    const now = Date.now();
    for (const alert of await this.store.due(now, PAGE)) {
      if (this.stopped) return;
      if (this.leases.isClaimedHere(alert)) continue;
      const record = await this.sendableOrSettle(alert);
      if (record === undefined) continue;
      const channel = this.channels.get(record.channelId);
      if (channel === undefined) {
        await this.giveUpUnrouted(record, now);
        continue;
      }
      if (this.attemptsOn(channel) >= channel.maxConcurrency) continue;
      if (!(await this.leases.claimToSend(alert, channel, now))) continue;
      this.startAttempt(record, channel);
    }
  }

  /** The alert's record when there is something to send; otherwise its queue entry is settled and nothing returned. */
  private async sendableOrSettle(alert: QueuedAlert): Promise<SendableRecord | undefined> {
    const record = await this.store.get(alert.leadId, alert.alertId);
    if (record === undefined || record.status === 'dead') {
      await this.store.removeFromQueue(alert.leadId, alert.alertId);
      return undefined;
    }
    if (record.status === 'delivered') {
      await runWithTrace(record.trace, () => this.attempts.finishDelivered(record));
      return undefined;
    }
    if (!isSendable(record)) {
      // Only a restored record lacks its qualification, and it is delivered (above): this one is damaged.
      this.logger.warn(`lead ${alert.leadId} alert ${alert.alertId}: a ${record.status} record without its qualification cannot be sent, dropped from the queue`);
      await this.store.removeFromQueue(alert.leadId, alert.alertId);
      return undefined;
    }
    return record;
  }

  /** Its channel left the routing: the alert is dead-lettered, under a lease so that one worker does it. */
  private async giveUpUnrouted(record: SendableRecord, now: number): Promise<void> {
    if (!(await this.leases.claimToGiveUp(record, now))) return;
    try {
      await runWithTrace(record.trace, () => this.attempts.giveUp(record, `channel ${record.channelId} is not in the routing any more`));
    } finally {
      this.leases.release(record);
    }
  }

  /** Runs the attempt in the background, holding one of the channel's slots until it ends. */
  private startAttempt(record: SendableRecord, channel: AlertChannel): void {
    this.attemptsByChannel.set(channel.id, this.attemptsOn(channel) + 1);
    const attempt: Promise<void> = this.attempts
      .run(record, channel)
      .catch((error: unknown) => this.logger.warn(`alert ${record.alertId}: attempt not recorded, it will be retried: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.leases.release(record);
        this.attemptsByChannel.set(channel.id, (this.attemptsByChannel.get(channel.id) ?? 1) - 1);
        this.running.delete(attempt);
      });
    this.running.add(attempt);
  }

  private attemptsOn(channel: AlertChannel): number {
    return this.attemptsByChannel.get(channel.id) ?? 0;
  }
}
