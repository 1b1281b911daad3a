import { Injectable } from '@nestjs/common';
import { EngagementEventV1 } from '@baton/contracts';
import { decodeLeadMessage, type ConsumedMessage, type HandlerOutcome, type MessageHandler } from '@baton/kafka';
import { ScoreEventUseCase } from './score-event.usecase';

/** Thin adapter: decode and validate the event, then score it. An invalid message is terminal. */
@Injectable()
export class EngagementEventHandler implements MessageHandler {
  constructor(private readonly scoreEvent: ScoreEventUseCase) {}

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    return this.scoreEvent.execute(decodeLeadMessage(EngagementEventV1, message, 'SCORING'));
  }
}
