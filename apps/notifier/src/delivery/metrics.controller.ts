import { Controller, Get, Header } from '@nestjs/common';
import { DeliveryMetrics } from './delivery.metrics';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: DeliveryMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
