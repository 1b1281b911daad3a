import { Controller, Get, HttpCode, HttpStatus, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from './api-docs/api-docs.decorators';
import { ProblemException } from './problem/problem.exception';
import { PublicEndpoint } from './public-endpoint.decorator';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness';

/** Liveness: the process answers. Readiness: every dependency answers now; a lost broker means not ready, not dead. */
@PublicEndpoint()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness', description: 'The process answers. No API key.' })
  @ApiOkResponse({ description: 'Alive.', schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness', description: 'Every dependency answers now (broker, Redis, consumer group membership). No API key.' })
  @ApiOkResponse({
    description: 'Ready: every check passed.',
    schema: { type: 'object', required: ['status', 'checks'], properties: { status: { type: 'string', enum: ['ready'] }, checks: { type: 'object', additionalProperties: { type: 'boolean' } } } },
  })
  @ApiProblemResponses([503, 'Not ready (`SERVICE.NOT_READY`): `checks` says which dependency does not answer.'])
  async ready(): Promise<{ status: 'ready'; checks: Record<string, boolean> }> {
    const results = await Promise.all(this.checks.map(async (check) => [check.name, await check.isReady()] as const));
    const checks = Object.fromEntries(results);
    if (results.some(([, ok]) => !ok)) throw new ProblemException(503, 'SERVICE.NOT_READY', `not ready: ${results.filter(([, ok]) => !ok).map(([name]) => name).join(', ')}`, { extensions: { checks } });
    return { status: 'ready', checks };
  }
}
