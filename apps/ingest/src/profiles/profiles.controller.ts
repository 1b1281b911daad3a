import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@baton/api-auth';
import { IngestEnv } from '@baton/config';
import { BatonMetrics } from '@baton/metrics';
import { invalidRequest } from '@baton/service-runtime';
import { storingOr503 } from '../http/store-unavailable.problem';
import { IngestProfileUpdateUseCase } from './ingest-profile-update.usecase';
import { parseProfileUpdate } from './profile-update.parser';
import { UpdateProfileApiDocs } from './profiles.api-docs';

export interface ProfileUpdateAccepted {
  readonly leadId: string;
  readonly updateId: string;
}

@ApiTags('profiles')
@Controller('v1/leads')
export class ProfilesController {
  constructor(
    private readonly ingestProfileUpdate: IngestProfileUpdateUseCase,
    private readonly config: IngestEnv,
    private readonly metrics: BatonMetrics,
  ) {}

  /** 202 only once Kafka stored the update; 400 names every bad field; 503 when nothing could be stored. */
  @Put(':leadId/profile')
  @RequiresScope('profiles:write')
  @ApiOperation({
    summary: "Update a lead's profile",
    description: 'Who the lead is, as a partial update of its traits, stored on `baton.lead-profiles.v1` once Kafka acknowledged it; scoring merges it and recomputes the fit.',
  })
  @UpdateProfileApiDocs()
  @HttpCode(HttpStatus.ACCEPTED)
  async update(@Param('leadId') leadId: string, @Body() body: unknown, @Headers('idempotency-key') idempotencyKey: string | undefined): Promise<ProfileUpdateAccepted> {
    const now = new Date();
    const parsed = parseProfileUpdate({ leadId, body, idempotencyKey }, { receivedAt: now.toISOString(), newUpdateId: randomUUID, now, maxFutureSkewMs: this.config.API_MAX_FUTURE_SKEW_MS });
    if (!parsed.ok) {
      this.metrics.eventsRejected.inc({ endpoint: 'profiles' });
      throw invalidRequest('invalid profile update: nothing was stored', parsed.violations);
    }
    await storingOr503(() => this.ingestProfileUpdate.execute(parsed.update));
    return { leadId: parsed.update.leadId, updateId: parsed.update.updateId };
  }
}
