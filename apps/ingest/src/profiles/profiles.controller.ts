import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Param, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import { eventLogUnavailable } from '../http/event-log-unavailable.response';
import { EventLogUnavailableError } from '../kafka/event-log.writer';
import { IngestProfileUpdateUseCase } from './ingest-profile-update.usecase';
import { parseProfileUpdate } from './profile-update.parser';

export interface ProfileUpdateAccepted {
  readonly leadId: string;
  readonly updateId: string;
}

@Controller('v1/leads')
export class ProfilesController {
  constructor(private readonly ingestProfileUpdate: IngestProfileUpdateUseCase) {}

  /** 202 only once Kafka stored the update; 400 names every bad field; 503 when nothing could be stored. */
  @Put(':leadId/profile')
  @HttpCode(HttpStatus.ACCEPTED)
  async update(
    @Param('leadId') leadId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProfileUpdateAccepted> {
    const parsed = parseProfileUpdate({ leadId, body, idempotencyKey }, { receivedAt: new Date().toISOString(), newUpdateId: randomUUID });
    if (!parsed.ok) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'invalid profile update: nothing was stored', violations: parsed.violations });
    }
    try {
      await this.ingestProfileUpdate.execute(parsed.update);
    } catch (error) {
      if (!(error instanceof EventLogUnavailableError)) throw error;
      throw eventLogUnavailable(error, response);
    }
    return { leadId: parsed.update.leadId, updateId: parsed.update.updateId };
  }
}
