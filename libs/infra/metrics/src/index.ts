export { BatonMetrics, type ConsumerMetricsObserver } from './lib/baton-metrics';
export { ClientErrorMetrics } from './lib/client-error.metrics';
export { MetricsController } from './lib/metrics.controller';
export { MetricsModule, type MetricsOptions } from './lib/metrics.module';
