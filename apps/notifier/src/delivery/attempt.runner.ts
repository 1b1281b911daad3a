import { Injectable, Logger } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { runWithTrace, startSpan } from '@baton/telemetry';
import type { AlertChannel, AttemptResult } from '../channels/channel';
import { describeAttempt, judgeAttempt, retryDelayMs, type AttemptVerdict } from './delivery-policy';
import type { AttemptLogEntry, DeliveryRecord, SendableRecord } from './delivery-record';
import { DeliveryMetrics } from './delivery.metrics';
import { DeliveryPublisher } from './delivery.publisher';
import { DeliveryStore } from './delivery.store';

/**
 * A delivery's state machine, one attempt at a time: send on the channel, judge the result (delivery-policy),
 * record it in the alert's log, then announce a delivery, or schedule a retry with backoff and jitter (at least
 * Retry-After) until the retry period ends, or dead-letter with the reason.
 */
@Injectable()
export class AttemptRunner {
  private readonly logger = new Logger(AttemptRunner.name);

  constructor(
    private readonly config: NotifierEnv,
    private readonly store: DeliveryStore,
    private readonly publisher: DeliveryPublisher,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** An attempt is a client span in the qualification's trace; its log lines and the alert.sent event join it. */
  async run(record: SendableRecord, channel: AlertChannel): Promise<void> {
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

  /** A delivered alert leaves the queue once announced; a crash in between announces it on the next poll. */
  async finishDelivered(record: DeliveryRecord): Promise<void> {
    await this.publisher.publishDelivered(record);
    await this.store.removeFromQueue(record.leadId, record.alertId);
  }

  /** Gives the alert up: recorded dead first, then its dead letter, then out of the queue into the dead letters. */
  async giveUp(record: SendableRecord, reason: string): Promise<void> {
    await this.store.recordGivenUp(record.leadId, record.alertId, reason);
    await this.publisher.publishDeadLetter(record, reason);
    await this.store.moveToDeadLetters(record.leadId, record.alertId);
    this.metrics.deadLettered(record.channelId);
    this.logger.error(`lead ${record.leadId} alert ${record.alertId} dead-lettered: ${reason}`);
  }

  private async sendAndRecord(record: SendableRecord, channel: AlertChannel): Promise<AttemptVerdict> {
    const started = Date.now();
    const result: AttemptResult = await channel
      .send({ alertId: record.alertId, channelId: record.channelId, qualification: record.qualification, team: record.team, owner: record.owner })
      .catch((error: unknown) => ({ kind: 'network', reason: error instanceof Error ? error.message : String(error) }));
    const at = new Date().toISOString();
    const verdict = judgeAttempt(result);
    const entry: AttemptLogEntry = {
      at,
      outcome: verdict,
      status: result.kind === 'status' ? result.status : undefined,
      latencyMs: Date.now() - started,
      reason: result.kind === 'status' ? undefined : result.reason,
    };
    const attempt = record.attempts + 1;
    this.metrics.attempt(channel.id, verdict, entry.latencyMs);
    switch (verdict) {
      case 'delivered':
        await this.store.recordAttempt(record.leadId, record.alertId, entry, { status: 'delivered', deliveredAt: at, lastResult: describeAttempt(result) });
        this.logger.log(`lead ${record.leadId} alert ${record.alertId} delivered on ${channel.id} (attempt ${attempt}, ${entry.latencyMs} ms)`);
        this.metrics.delivered(channel.id, record.qualification.qualifiedAt);
        await this.finishDelivered({ ...record, status: 'delivered', attempts: attempt, deliveredAt: at });
        return verdict;
      case 'retry': {
        const next = Date.now() + retryDelayMs(result, attempt, this.config.NOTIFIER_RETRY_BACKOFF_MS);
        if (next > record.deadline) {
          await this.store.recordAttempt(record.leadId, record.alertId, entry, {});
          await this.giveUp(record, `not delivered within the retry period after ${attempt} attempts, last: ${describeAttempt(result)}`);
          return verdict;
        }
        await this.store.recordAttempt(record.leadId, record.alertId, entry, { status: 'retrying', lastResult: describeAttempt(result) });
        await this.store.scheduleAt(record.leadId, record.alertId, next);
        this.logger.warn(`lead ${record.leadId} alert ${record.alertId} on ${channel.id}: ${describeAttempt(result)}, retry ${attempt + 1} in ${next - Date.now()} ms`);
        return verdict;
      }
      case 'reject':
        await this.store.recordAttempt(record.leadId, record.alertId, entry, {});
        await this.giveUp(record, `${channel.id} refused the alert: ${describeAttempt(result)}`);
        return verdict;
    }
  }
}
