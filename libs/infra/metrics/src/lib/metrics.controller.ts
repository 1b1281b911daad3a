import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicEndpoint } from '@baton/service-runtime';
import { BatonMetrics } from './baton-metrics';

/** Public like health: Prometheus scrapes without a key, and the figures carry no lead data. */
@PublicEndpoint()
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: BatonMetrics) {}

  @Get()
  @ApiOperation({
    summary: 'Scrape the metrics',
    description: "Prometheus text format: the service's pipeline counters and latencies, consumer lag, client errors and Node process metrics. No API key: the figures carry no lead data.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics, Prometheus text exposition format 0.0.4.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
