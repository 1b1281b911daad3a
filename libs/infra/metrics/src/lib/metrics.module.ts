import { Module, type DynamicModule } from '@nestjs/common';
import { BatonMetrics } from './baton-metrics';
import { ClientErrorMetrics } from './client-error.metrics';
import { MetricsController } from './metrics.controller';

export interface MetricsOptions {
  /** The `service` label of process metrics, dead letters, lag and client errors. */
  readonly service: string;
}

@Module({})
export class MetricsModule {
  /** Global, so that every handler and the consumers' factories can inject the one BatonMetrics. */
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: BatonMetrics, useFactory: () => new BatonMetrics(options.service) }, ClientErrorMetrics],
      exports: [BatonMetrics],
    };
  }
}
