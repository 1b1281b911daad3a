import { Injectable, Logger } from '@nestjs/common';
import { encodeLeadKey, LEAD_PROFILES_TOPIC, type LeadProfileUpdatedV1 } from '@baton/contracts';
import { BatonMetrics } from '@baton/metrics';
import { EventLogWriter } from '../kafka/event-log.writer';

/**
 * Stores an accepted profile update on the profiles topic, keyed by lead, so that one lead's updates are applied
 * in the order stored; resolves only once Kafka acknowledged. The merge into the stored profile is scoring's.
 */
@Injectable()
export class IngestProfileUpdateUseCase {
  private readonly logger = new Logger(IngestProfileUpdateUseCase.name);

  constructor(
    private readonly eventLog: EventLogWriter,
    private readonly metrics: BatonMetrics,
  ) {}

  /** @throws EventLogUnavailableError when Kafka did not acknowledge in time. */
  async execute(update: LeadProfileUpdatedV1): Promise<void> {
    await this.eventLog.write(LEAD_PROFILES_TOPIC, [{ key: encodeLeadKey(update.leadId), value: JSON.stringify(update) }]);
    this.metrics.profileUpdatesIngested.inc();
    // Ids only: traits carry personal data (e-mail, name) and stay out of the logs.
    this.logger.debug(`stored profile update ${update.leadId}/${update.updateId}`);
  }
}
