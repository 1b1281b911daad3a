import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { ApiProblemResponses } from './api-docs/api-docs.decorators';
import { ProblemException } from './problem/problem.exception';
import { PublicEndpoint } from './public-endpoint.decorator';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

/** A check that does not answer within this is down: a probe must never hang on a dependency. */
const CHECK_TIMEOUT_MS = 2000;

const RESULT_SCHEMA = {
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } } } },
    details: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } } } },
  },
};

/**
 * Liveness: the process answers (a lost broker or Redis never restarts the pod). Readiness, with @nestjs/terminus:
 * every dependency answers now (the broker, Redis, the consumer group membership), so that a service which lost
 * one is taken out of the load balancer, not killed, and comes back by itself.
 */
@PublicEndpoint()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness', description: 'The process answers. No API key.' })
  @ApiOkResponse({ description: 'Alive.', schema: RESULT_SCHEMA })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness', description: 'Every dependency answers now (broker, Redis, consumer group membership). No API key.' })
  @ApiOkResponse({ description: 'Ready: every check is up.', schema: RESULT_SCHEMA })
  @ApiProblemResponses([503, 'Not ready (`SERVICE.NOT_READY`): `details` says which dependency does not answer.'])
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks.map((check) => () => this.indicate(check)));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const { details = {} } = error.getResponse() as Partial<HealthCheckResult>;
      const down = Object.entries(details)
        .filter(([, result]) => result.status !== 'up')
        .map(([name]) => name);
      throw new ProblemException(503, 'SERVICE.NOT_READY', `not ready: ${down.join(', ')}`, { extensions: { details } });
    }
  }

  private async indicate(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(check.name);
    const ready = await Promise.race([Promise.resolve(check.isReady()).catch(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref())]);
    return ready ? session.up() : session.down();
  }
}
