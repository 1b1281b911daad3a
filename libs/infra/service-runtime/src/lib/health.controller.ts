import { Controller, Get, HttpCode, HttpStatus, Inject, ServiceUnavailableException } from '@nestjs/common';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

/** Liveness: the process answers. Readiness: every dependency answers now; a lost broker means not ready, not dead. */
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, boolean> }> {
    const results = await Promise.all(this.checks.map(async (check) => [check.name, await check.isReady()] as const));
    const checks = Object.fromEntries(results);
    if (results.some(([, ok]) => !ok)) throw new ServiceUnavailableException({ status: 'not_ready', checks });
    return { status: 'ready', checks };
  }
}
