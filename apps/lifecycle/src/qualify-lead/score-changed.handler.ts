import { Injectable } from '@nestjs/common';
import { ScoreChangedV1 } from '@baton/contracts';
import { decodeLeadMessage, type ConsumedMessage, type HandlerOutcome, type MessageHandler } from '@baton/kafka';
import { QualifyLeadUseCase } from './qualify-lead.usecase';

/** Thin adapter: decode and validate the score change, then apply the qualification rules. */
@Injectable()
export class ScoreChangedHandler implements MessageHandler {
  constructor(private readonly qualifyLead: QualifyLeadUseCase) {}

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    return this.qualifyLead.execute(decodeLeadMessage(ScoreChangedV1, message, 'LIFECYCLE'));
  }
}
