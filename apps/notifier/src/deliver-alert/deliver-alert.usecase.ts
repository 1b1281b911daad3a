import { Injectable, Logger } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import type { LeadQualifiedV1 } from '@baton/contracts';
import { TerminalError, type HandlerOutcome } from '@baton/kafka';
import { backoffMs, describeAttempt, judgeAttempt } from './delivery-policy';
import { RedisAlertStore } from './redis-alert.store';
import { WebhookSender } from './webhook.sender';

/**
 * Sends one signed alert per qualification. The alert id derives from the qualification id, so retries and
 * redeliveries carry the same `webhook-id`; a delivered alert is recorded and never sent again.
 */
@Injectable()
export class DeliverAlertUseCase {
  private readonly logger = new Logger(DeliverAlertUseCase.name);

  constructor(
    private readonly config: NotifierEnv,
    private readonly store: RedisAlertStore,
    private readonly sender: WebhookSender,
  ) {}

  async execute(qualified: LeadQualifiedV1): Promise<HandlerOutcome> {
    const alertId = `alert_${qualified.qualificationId}`;
    if (await this.store.wasDelivered(qualified.leadId, alertId)) return 'skipped';
    const body = JSON.stringify({
      type: 'lead.qualified',
      alertId,
      qualificationId: qualified.qualificationId,
      leadId: qualified.leadId,
      stage: qualified.stage,
      previousStage: qualified.previousStage,
      rule: qualified.rule,
      reason: qualified.reason,
      score: qualified.score,
      engagement: qualified.engagement,
      fit: qualified.fit,
      grade: qualified.grade,
      breakdown: qualified.breakdown,
      topSignals: qualified.topSignals,
      journey: qualified.journey,
      profile: qualified.profile,
      causeEventId: qualified.causeEventId,
      modelVersion: qualified.modelVersion,
      qualifiedAt: qualified.qualifiedAt,
    });
    for (let attempt = 1; ; attempt++) {
      const result = await this.sender.send(alertId, body);
      const verdict = judgeAttempt(result);
      switch (verdict) {
        case 'delivered':
          await this.store.markDelivered(qualified.leadId, alertId, new Date().toISOString());
          this.logger.log(`lead ${qualified.leadId} alert ${alertId} delivered (attempt ${attempt})`);
          return 'processed';
        case 'reject':
          throw new TerminalError('NOTIFIER.REJECTED', `webhook answered ${describeAttempt(result)} to alert ${alertId}`);
        case 'retry':
          if (attempt >= this.config.NOTIFIER_DELIVERY_ATTEMPTS) {
            throw new TerminalError('NOTIFIER.DELIVERY_FAILED', `alert ${alertId} not delivered after ${attempt} attempts, last: ${describeAttempt(result)}`);
          }
          this.logger.warn(`lead ${qualified.leadId} alert ${alertId} attempt ${attempt}: ${describeAttempt(result)}, retrying`);
          await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, this.config.NOTIFIER_RETRY_BACKOFF_MS)));
      }
    }
  }
}
