import { Module, type DynamicModule } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { LIFECYCLE_DEAD_LETTER_TOPIC, SALES_FEEDBACK_TOPIC, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { serviceModule } from '@baton/service-module';
import { ApplyScoreChangeUseCase } from './apply-signal/apply-score-change.usecase';
import { LifecycleMessageHandler } from './apply-signal/lifecycle-message.handler';
import { ApplyFeedbackUseCase } from './feedback/apply-feedback.usecase';
import { FeedbackController } from './feedback/feedback.controller';
import { InactivitySweep } from './inactivity/inactivity-sweep';
import { LeadLifecycleStore } from './lead-state/lead-lifecycle.store';
import { LeadTransitions } from './lead-state/lead-transitions';
import { LifecycleOutboxPublisher } from './lead-state/lifecycle-outbox.publisher';
import { LeadViewQuery } from './read/lead-view.query';
import { LeadsController } from './read/leads.controller';

@Module({})
export class LifecycleModule {
  static forRoot(config: LifecycleEnv): DynamicModule {
    // The stage rules are the model file's `stages:`; loaded before Nest starts, so an invalid file stops the service.
    const models = new ScoringModelHolder({ file: config.SCORING_MODEL_FILE, reloadIntervalMs: config.SCORING_MODEL_RELOAD_INTERVAL_MS });
    return serviceModule(LifecycleModule, {
      service: 'lifecycle',
      config,
      configType: LifecycleEnv,
      consumes: { topics: [SCORE_CHANGES_TOPIC, SALES_FEEDBACK_TOPIC], deadLetterTopic: LIFECYCLE_DEAD_LETTER_TOPIC, handler: LifecycleMessageHandler },
      controllers: [FeedbackController, LeadsController],
      providers: [
        { provide: ScoringModelHolder, useValue: models },
        LeadLifecycleStore,
        LifecycleOutboxPublisher,
        LeadTransitions,
        ApplyScoreChangeUseCase,
        ApplyFeedbackUseCase,
        LifecycleMessageHandler,
        InactivitySweep,
        LeadViewQuery,
      ],
    });
  }
}
