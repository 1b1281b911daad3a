import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, ConflictException, Controller, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { parseContract, SalesFeedbackV1 } from '@baton/contracts';
import { ApplyFeedbackUseCase } from './apply-feedback.usecase';

/**
 * `POST /v1/leads/:leadId/feedback`, served where the stage lives so that the answer is synchronous:
 * 200 with the new stage, 404 for an unknown lead, 409 with the current stage for an outcome it cannot take.
 */
@Controller('v1/leads/:leadId/feedback')
export class FeedbackController {
  constructor(private readonly applyFeedback: ApplyFeedbackUseCase) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  async give(@Param('leadId') leadId: string, @Body() body: unknown): Promise<{ leadId: string; feedbackId: string; stage: string; previousStage?: string }> {
    const given = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const parsed = parseContract(SalesFeedbackV1, { feedbackId: randomUUID(), givenAt: new Date().toISOString(), ...given, leadId }, { rejectUnknownFields: true });
    if (!parsed.ok) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'invalid feedback: nothing was changed', violations: parsed.violations });
    const feedback = parsed.value;
    const result = await this.applyFeedback.execute(feedback);
    switch (result.kind) {
      case 'applied':
        return { leadId, feedbackId: feedback.feedbackId, stage: result.to, previousStage: result.from };
      case 'skipped':
        return { leadId, feedbackId: feedback.feedbackId, stage: result.stage };
      case 'unknown_lead':
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', code: 'LIFECYCLE.UNKNOWN_LEAD', message: `no lead ${leadId}` });
      case 'refused':
        throw new ConflictException({ statusCode: 409, error: 'Conflict', code: result.code, message: result.message, stage: result.stage });
    }
  }
}
