import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latencies between services run from milliseconds (live) to hours (a replay, a backlog after an outage). */
const PIPELINE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/**
 * What the consumers report to metrics; matches `ConsumerObserver` of @baton/kafka by shape, so that the
 * Kafka library needs no prom-client and this one no consumer internals.
 */
export interface ConsumerMetricsObserver {
  deadLettered(sourceTopic: string): void;
  lag(topic: string, partition: number, lag: number): void;
  clientError(error: unknown): void;
}

/**
 * The figures of one service, on a registry of its own (never prom-client's global one): tests run several
 * services in one process, and each must scrape only its own. Every service registers every metric, so a
 * dashboard query never depends on which service happened to count first; the job label tells them apart.
 */
export class BatonMetrics {
  readonly registry = new Registry();

  readonly eventsIngested = new Counter({
    name: 'baton_events_ingested_total',
    help: 'Events stored on the engagement topic by ingest (native and Segment), by Baton event type.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsRejected = new Counter({
    name: 'baton_events_rejected_total',
    help: 'Items ingest refused (invalid events, Segment calls, profile updates), by endpoint.',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });
  readonly profileUpdatesIngested = new Counter({
    name: 'baton_profile_updates_ingested_total',
    help: 'Profile updates stored on the profiles topic by ingest.',
    registers: [this.registry],
  });
  readonly eventsScored = new Counter({
    name: 'baton_events_scored_total',
    help: 'Score changes published by scoring, by the type of their cause (an event type, or profile_updated).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventToScore = new Histogram({
    name: 'baton_event_to_score_seconds',
    help: "Seconds from an event's occurredAt to its score change being published.",
    buckets: PIPELINE_BUCKETS,
    registers: [this.registry],
  });
  readonly qualifications = new Counter({
    name: 'baton_qualifications_total',
    help: 'LeadQualified emitted by lifecycle, by stage (mql, sql) and reason kind.',
    labelNames: ['stage', 'reason'] as const,
    registers: [this.registry],
  });
  readonly scoreToQualification = new Histogram({
    name: 'baton_score_to_qualification_seconds',
    help: "Seconds from the score change's scoredAt to the LeadQualified it caused being published.",
    buckets: PIPELINE_BUCKETS,
    registers: [this.registry],
  });
  readonly alertDeliveries = new Counter({
    name: 'baton_alert_deliveries_total',
    help: 'Alert deliveries by channel and final outcome (delivered, dead_lettered).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly qualificationToAlert = new Histogram({
    name: 'baton_qualification_to_alert_seconds',
    help: "Seconds from a qualification's qualifiedAt to its alert being delivered, by channel.",
    labelNames: ['channel'] as const,
    buckets: PIPELINE_BUCKETS,
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'baton_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by service and the topic they came from.',
    labelNames: ['service', 'topic'] as const,
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'baton_consumer_lag',
    help: "Messages of a partition not yet processed: the partition's high watermark minus the next offset to process, as of the last batch.",
    labelNames: ['service', 'topic', 'partition'] as const,
    registers: [this.registry],
  });
  readonly kafkaClientErrors = new Counter({
    name: 'baton_kafka_client_errors_total',
    help: 'Kafka client failures: failed produce calls and consumer crashes.',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });
  readonly redisClientErrors = new Counter({
    name: 'baton_redis_client_errors_total',
    help: 'Errors the Redis client emitted (connection lost, refused, ...).',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  /** For `BatchConsumerOptions.observer`. */
  readonly consumerObserver: ConsumerMetricsObserver = {
    deadLettered: (sourceTopic) => this.deadLetters.inc({ service: this.service, topic: sourceTopic }),
    lag: (topic, partition, lag) => this.consumerLag.set({ service: this.service, topic, partition: String(partition) }, Math.max(0, lag)),
    clientError: () => this.kafkaClientErrors.inc({ service: this.service }),
  };

  constructor(readonly service: string) {
    collectDefaultMetrics({ register: this.registry, labels: { service } });
    // Present at zero from the start, so that rate() and alerts see the series before the first error.
    this.kafkaClientErrors.inc({ service }, 0);
    this.redisClientErrors.inc({ service }, 0);
  }

  /** Seconds from an ISO time to now; undefined when the time does not parse, so nothing is observed. */
  static secondsSince(iso: string, now = Date.now()): number | undefined {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? undefined : Math.max(0, (now - at) / 1000);
  }
}
