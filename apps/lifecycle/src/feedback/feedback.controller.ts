import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@baton/api-auth';
import { LifecycleEnv } from '@baton/config';
import { parseContract, SalesFeedbackV1 } from '@baton/contracts';
import { futureDateErrors, invalidRequest, ProblemException } from '@baton/service-runtime';
import { ApplyFeedbackUseCase } from './apply-feedback.usecase';
import { GiveFeedbackApiDocs } from './feedback.api-docs';

/**
 * `POST /v1/leads/:leadId/feedback`, served where the stage lives so that the answer is synchronous:
 * 200 with the new stage, 404 for an unknown lead, 409 with the current stage for an outcome it cannot take.
 */
@ApiTags('feedback')
@Controller('v1/leads/:leadId/feedback')
export class FeedbackController {
  constructor(
    private readonly applyFeedback: ApplyFeedbackUseCase,
    private readonly config: LifecycleEnv,
  ) {}

  @Post()
  @RequiresScope('feedback:write')
  @ApiOperation({
    summary: 'Give sales feedback on a lead',
    description:
      "What sales said (accepted, rejected, won, lost), applied at once to the lead's stage and published on `baton.stage-changes.v1`. The same feedback can come on `baton.sales-feedback.v1`.",
  })
  @GiveFeedbackApiDocs()
  @HttpCode(HttpStatus.OK)
  async give(@Param('leadId') leadId: string, @Body() body: unknown): Promise<{ leadId: string; feedbackId: string; stage: string; previousStage?: string }> {
    const given = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const parsed = parseContract(SalesFeedbackV1, { feedbackId: randomUUID(), givenAt: new Date().toISOString(), ...given, leadId }, { rejectUnknownFields: true });
    if (!parsed.ok) throw invalidRequest('invalid feedback: nothing was changed', parsed.violations);
    const tooLate = futureDateErrors('givenAt', parsed.value.givenAt, { now: new Date(), maxFutureSkewMs: this.config.API_MAX_FUTURE_SKEW_MS });
    if (tooLate.length > 0) throw invalidRequest('invalid feedback: nothing was changed', tooLate);
    const feedback = parsed.value;
    const result = await this.applyFeedback.execute(feedback);
    switch (result.kind) {
      case 'applied':
        return { leadId, feedbackId: feedback.feedbackId, stage: result.to, previousStage: result.from };
      case 'skipped':
        return { leadId, feedbackId: feedback.feedbackId, stage: result.stage };
      case 'unknown_lead':
        throw new ProblemException(404, 'LIFECYCLE.UNKNOWN_LEAD', `no lead ${leadId}`);
      case 'refused':
        throw new ProblemException(409, result.code, result.message, { extensions: { stage: result.stage } });
    }
  }
}
