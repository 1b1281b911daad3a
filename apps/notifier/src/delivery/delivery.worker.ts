import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { ALERTS_SENT_TOPIC, DEAD_LETTER_HEADERS, encodeLeadKey, LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, type AlertSentV1 } from '@baton/contracts';
import { EventProducer } from '@baton/kafka';
import { runWithTrace, startSpan } from '@baton/telemetry';
import type { AlertChannel, AttemptResult } from '../channels/channel';
import { ChannelRegistry } from './channel-registry';
import { describeAttempt, judgeAttempt, retryDelayMs, type AttemptVerdict } from './delivery-policy';
import { DeliveryMetrics } from './delivery.metrics';
import { isSendable, type DeliveryRecord, type SendableRecord } from './delivery-record';
import { DeliveryStore } from './delivery.store';

const POLL_MS = 100;
const PAGE = 200;
/** A claimed delivery is someone's for its timeout and this much more; then another worker may take it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Sends due alerts, each channel with its own concurrency limit, so that a slow or dead endpoint holds its
 * own slots and never delays alerts to other endpoints, and no partition waits on a retry. An attempt is
 * recorded in the alert's log; failures are retried with backoff and jitter (at least Retry-After) until the
 * retry period ends, then dead-lettered with the reason. A delivered alert is announced on the alerts-sent topic.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Map<string, number>();
  private readonly sending = new Set<Promise<void>>();
  private readonly mine = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollAgain = false;
  private stopped = false;

  constructor(
    private readonly config: NotifierEnv,
    private readonly store: DeliveryStore,
    private readonly channels: ChannelRegistry,
    private readonly producer: EventProducer,
    private readonly metrics: DeliveryMetrics,
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
    await Promise.allSettled([...this.sending]);
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
    for (const { leadId, alertId } of await this.store.due(now, PAGE)) {
      if (this.stopped) return;
      const key = `${leadId}|${alertId}`;
      if (this.mine.has(key)) continue;
      const record = await this.store.get(leadId, alertId);
      if (record === undefined || record.status === 'dead') {
        await this.store.done(leadId, alertId);
        continue;
      }
      if (record.status === 'delivered') {
        await runWithTrace(record.trace, () => this.announce(record));
        continue;
      }
      if (!isSendable(record)) {
        // Only a restored record lacks its qualification, and it is delivered (above): this one is damaged.
        this.logger.warn(`lead ${leadId} alert ${alertId}: a ${record.status} record without its qualification cannot be sent, dropped from the queue`);
        await this.store.done(leadId, alertId);
        continue;
      }
      const channel = this.channels.get(record.channelId);
      if (channel === undefined) {
        if (await this.store.claim(leadId, alertId, now, LEASE_MARGIN_MS)) await runWithTrace(record.trace, () => this.deadLetter(record, `channel ${record.channelId} is not in the routing any more`));
        continue;
      }
      if ((this.inFlight.get(channel.id) ?? 0) >= channel.maxConcurrency) continue;
      if (!(await this.store.claim(leadId, alertId, now, this.leaseFor(channel)))) continue;
      this.mine.add(key);
      this.inFlight.set(channel.id, (this.inFlight.get(channel.id) ?? 0) + 1);
      const sending: Promise<void> = this.attempt(record, channel)
        .catch((error: unknown) => this.logger.warn(`alert ${alertId}: attempt not recorded, it will be retried: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.mine.delete(key);
          this.inFlight.set(channel.id, (this.inFlight.get(channel.id) ?? 1) - 1);
          this.sending.delete(sending);
        });
      this.sending.add(sending);
    }
  }

  /** An attempt is a client span in the qualification's trace; its log lines and the alert.sent event join it. */
  private async attempt(record: SendableRecord, channel: AlertChannel): Promise<void> {
    const work = startSpan(`alert delivery ${channel.id}`, 'client', record.trace, {
      'baton.alert_id': record.alertId,
      'baton.channel': channel.id,
      'baton.channel_type': channel.type,
      'baton.attempt': record.attempts + 1,
    });
    try {
      const verdict = await runWithTrace(work.trace, () => this.sendAndRecord(record, channel));
      work.end({ attributes: { 'baton.outcome': verdict } });
    } catch (error) {
      work.end({ error });
      throw error;
    }
  }

  private async sendAndRecord(record: SendableRecord, channel: AlertChannel): Promise<AttemptVerdict> {
    const started = Date.now();
    const result: AttemptResult = await channel
      .send({ alertId: record.alertId, channelId: record.channelId, qualification: record.qualification, team: record.team, owner: record.owner })
      .catch((error: unknown) => ({ kind: 'network', reason: error instanceof Error ? error.message : String(error) }));
    const at = new Date().toISOString();
    const verdict = judgeAttempt(result);
    const entry = { at, outcome: verdict, status: result.kind === 'status' ? result.status : undefined, latencyMs: Date.now() - started, reason: result.kind === 'status' ? undefined : result.reason };
    const attempt = record.attempts + 1;
    this.metrics.attempt(channel.id, verdict, entry.latencyMs);
    switch (verdict) {
      case 'delivered':
        await this.store.recordAttempt(record.leadId, record.alertId, entry, { status: 'delivered', deliveredAt: at, lastResult: describeAttempt(result) });
        this.logger.log(`lead ${record.leadId} alert ${record.alertId} delivered on ${channel.id} (attempt ${attempt}, ${entry.latencyMs} ms)`);
        this.metrics.delivered(channel.id, record.qualification.qualifiedAt);
        await this.announce({ ...record, status: 'delivered', attempts: attempt, deliveredAt: at });
        return verdict;
      case 'retry': {
        const next = Date.now() + retryDelayMs(result, attempt, this.config.NOTIFIER_RETRY_BACKOFF_MS);
        if (next > record.deadline) {
          await this.store.recordAttempt(record.leadId, record.alertId, entry, {});
          await this.deadLetter(record, `not delivered within the retry period after ${attempt} attempts, last: ${describeAttempt(result)}`);
          return verdict;
        }
        await this.store.recordAttempt(record.leadId, record.alertId, entry, { status: 'retrying', lastResult: describeAttempt(result) });
        await this.store.dueAt(record.leadId, record.alertId, next);
        this.logger.warn(`lead ${record.leadId} alert ${record.alertId} on ${channel.id}: ${describeAttempt(result)}, retry ${attempt + 1} in ${next - Date.now()} ms`);
        return verdict;
      }
      case 'reject':
        await this.store.recordAttempt(record.leadId, record.alertId, entry, {});
        await this.deadLetter(record, `${channel.id} refused the alert: ${describeAttempt(result)}`);
        return verdict;
    }
  }

  /** Publishes alert.sent once the delivery is recorded; a crash in between announces it on the next poll. */
  private async announce(record: DeliveryRecord): Promise<void> {
    if (!record.announced) {
      const channel = this.channels.get(record.channelId);
      const sent: AlertSentV1 = {
        alertId: record.alertId,
        qualificationId: record.qualificationId,
        leadId: record.leadId,
        channel: record.channelId,
        channelType: channel?.type ?? 'webhook',
        team: record.team,
        ownerId: record.ownerId,
        attempts: Math.max(1, record.attempts),
        deliveredAt: record.deliveredAt ?? new Date().toISOString(),
      };
      await this.producer.send(ALERTS_SENT_TOPIC, [{ key: encodeLeadKey(record.leadId), value: JSON.stringify(sent) }]);
      await this.store.markAnnounced(record.leadId, record.alertId);
    }
    await this.store.done(record.leadId, record.alertId);
  }

  private async deadLetter(record: SendableRecord, reason: string): Promise<void> {
    await this.store.setFields(record.leadId, record.alertId, { status: 'dead', lastResult: reason });
    await this.producer.send(NOTIFIER_DEAD_LETTER_TOPIC, [
      {
        key: encodeLeadKey(record.leadId),
        value: JSON.stringify(record.qualification),
        headers: {
          [DEAD_LETTER_HEADERS.reason]: `NOTIFIER.DELIVERY_FAILED: ${reason}`,
          [DEAD_LETTER_HEADERS.sourceTopic]: LEAD_QUALIFIED_TOPIC,
          [DEAD_LETTER_HEADERS.attempts]: String(record.attempts + 1),
          [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
          'baton-alert-id': record.alertId,
          'baton-alert-channel': record.channelId,
        },
      },
    ]);
    await this.store.markDead(record.leadId, record.alertId);
    this.metrics.deadLettered(record.channelId);
    this.logger.error(`lead ${record.leadId} alert ${record.alertId} dead-lettered: ${reason}`);
  }

  private leaseFor(channel: AlertChannel): number {
    return channel.timeoutMs + LEASE_MARGIN_MS;
  }
}
