import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { LEAD_QUALIFIED_TOPIC } from '@baton/contracts';
import { BatonMetrics } from '@baton/metrics';
import type { AttemptVerdict } from './delivery-policy';

/**
 * Alert delivery figures: the notifier's own attempt figures, registered on the service's shared registry so
 * that one scrape of /metrics has them, and the shared pipeline metrics (deliveries, qualification to alert).
 */
@Injectable()
export class DeliveryMetrics {
  private readonly attempts: Counter<'channel' | 'outcome'>;
  private readonly deadLetters: Counter<'channel'>;
  private readonly latency: Histogram<'channel'>;

  constructor(private readonly baton: BatonMetrics) {
    const registers = [baton.registry];
    this.attempts = new Counter({
      name: 'baton_alert_delivery_attempts_total',
      help: 'Delivery attempts by channel and outcome (delivered, retry, reject).',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    });
    this.deadLetters = new Counter({
      name: 'baton_alert_dead_letters_total',
      help: 'Alerts given up and sent to the dead-letter topic, by channel.',
      labelNames: ['channel'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'baton_alert_delivery_attempt_seconds',
      help: 'Time one delivery attempt took, by channel.',
      labelNames: ['channel'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  attempt(channel: string, outcome: AttemptVerdict, latencyMs: number): void {
    this.attempts.inc({ channel, outcome });
    this.latency.observe({ channel }, latencyMs / 1000);
  }

  delivered(channel: string, qualifiedAt: string): void {
    this.baton.alertDeliveries.inc({ channel, outcome: 'delivered' });
    const seconds = BatonMetrics.secondsSince(qualifiedAt);
    if (seconds !== undefined) this.baton.qualificationToAlert.observe({ channel }, seconds);
  }

  deadLettered(channel: string): void {
    this.deadLetters.inc({ channel });
    this.baton.alertDeliveries.inc({ channel, outcome: 'dead_lettered' });
    // The worker dead-letters outside the consumer: counted here like the consumers' dead letters, by source topic.
    this.baton.consumerObserver.deadLettered(LEAD_QUALIFIED_TOPIC);
  }
}
