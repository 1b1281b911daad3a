import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { AttemptVerdict } from './delivery-policy';

/** Alert delivery figures in Prometheus form: attempts by channel and outcome, latency, dead letters. */
@Injectable()
export class DeliveryMetrics {
  readonly registry = new Registry();
  private readonly attempts = new Counter({
    name: 'baton_alert_delivery_attempts_total',
    help: 'Delivery attempts by channel and outcome (delivered, retry, reject).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly deadLetters = new Counter({
    name: 'baton_alert_dead_letters_total',
    help: 'Alerts given up and sent to the dead-letter topic, by channel.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'baton_alert_delivery_attempt_seconds',
    help: 'Time one delivery attempt took, by channel.',
    labelNames: ['channel'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  attempt(channel: string, outcome: AttemptVerdict, latencyMs: number): void {
    this.attempts.inc({ channel, outcome });
    this.latency.observe({ channel }, latencyMs / 1000);
  }

  deadLettered(channel: string): void {
    this.deadLetters.inc({ channel });
  }
}
