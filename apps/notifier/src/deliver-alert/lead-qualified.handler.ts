import { Injectable } from '@nestjs/common';
import { LeadQualifiedV1 } from '@baton/contracts';
import { decodeLeadMessage, type ConsumedMessage, type HandlerOutcome, type MessageHandler } from '@baton/kafka';
import { DeliverAlertUseCase } from './deliver-alert.usecase';

/** Thin adapter: decode and validate the qualification, then deliver its alert. */
@Injectable()
export class LeadQualifiedHandler implements MessageHandler {
  constructor(private readonly deliverAlert: DeliverAlertUseCase) {}

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    return this.deliverAlert.execute(decodeLeadMessage(LeadQualifiedV1, message, 'NOTIFIER'));
  }
}
