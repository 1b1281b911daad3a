import { Injectable } from '@nestjs/common';
import { LeadQualifiedV1 } from '@baton/contracts';
import { decodeLeadMessage, type ConsumedMessage, type HandlerOutcome, type MessageHandler } from '@baton/kafka';
import { EnqueueAlertsUseCase } from './enqueue-alerts.usecase';

/** Thin adapter: decode and validate the qualification, then queue its alerts. An invalid message is terminal. */
@Injectable()
export class LeadQualifiedHandler implements MessageHandler {
  constructor(private readonly enqueueAlerts: EnqueueAlertsUseCase) {}

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    return this.enqueueAlerts.execute(decodeLeadMessage(LeadQualifiedV1, message, 'NOTIFIER'), message.trace);
  }
}
