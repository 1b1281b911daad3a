import { Module, type DynamicModule } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, SCORING_DEAD_LETTER_TOPIC } from '@baton/contracts';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { serviceModule } from '@baton/service-module';
import { LeadStateStore } from './score-lead/lead-state.store';
import { ScoreChangedPublisher } from './score-lead/score-changed.publisher';
import { ScoreLeadUseCase } from './score-lead/score-lead.usecase';
import { ScoringMessageHandler } from './score-lead/scoring-message.handler';

/** The topics scoring consumes: engagement and profiles, with one consumer so a lead's state has one writer per partition. */
export const SCORING_INPUT_TOPICS = [ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC] as const;

@Module({})
export class ScoringModule {
  static forRoot(config: ScoringEnv): DynamicModule {
    // Loaded before Nest starts, so that an invalid model stops the service with its problems, not a stack.
    const models = new ScoringModelHolder({ file: config.SCORING_MODEL_FILE, reloadIntervalMs: config.SCORING_MODEL_RELOAD_INTERVAL_MS });
    return serviceModule(ScoringModule, {
      service: 'scoring',
      config,
      configType: ScoringEnv,
      consumes: {
        topics: SCORING_INPUT_TOPICS,
        deadLetterTopic: SCORING_DEAD_LETTER_TOPIC,
        handler: ScoringMessageHandler,
        // Partitions of both topics are handled side by side; the commit's version check keeps a lead's event and
        // profile update from overwriting each other.
        partitionsConsumedConcurrently: 2,
      },
      providers: [{ provide: ScoringModelHolder, useValue: models }, LeadStateStore, ScoreChangedPublisher, ScoreLeadUseCase, ScoringMessageHandler],
    });
  }
}
