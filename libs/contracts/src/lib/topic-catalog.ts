import { LIFECYCLE_DEAD_LETTER_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, SCORING_DEAD_LETTER_TOPIC } from './dead-letter/dead-letter';
import { ENGAGEMENT_EVENTS_TOPIC } from './engagement-event';
import { ALERTS_SENT_TOPIC } from './alert-sent';
import { IDENTITY_LINKS_TOPIC } from './identity-link';
import { LEAD_PROFILES_TOPIC } from './lead-profile';
import { LEAD_QUALIFIED_TOPIC } from './lead-qualified';
import { SALES_FEEDBACK_TOPIC } from './sales-feedback';
import { STAGE_CHANGES_TOPIC } from './stage-changed';
import { SCORE_CHANGES_TOPIC } from './score-changed';

export type BatonService = 'ingest' | 'scoring' | 'lifecycle' | 'notifier';

export interface TopicDescription {
  readonly name: string;
  readonly key: string;
  readonly value: string;
  /** `external`: written by other systems (a CRM integration), not by a Baton service. */
  readonly producer: BatonService | 'external';
  readonly consumers: readonly BatonService[];
  /**
   * Kept forever (retention.ms=-1) when the topic is a source of truth: after losing Redis, scoring's state is
   * rebuilt by replaying the engagement events and profile updates from the start, and the notifier's record of
   * the alerts sent from alerts-sent (else the replay's qualifications would reach sales a second time).
   */
  readonly retainedForever?: boolean;
}

/** Every Kafka topic of Baton; the topic table in docs/topics.md is this list. */
export const TOPIC_CATALOG: readonly TopicDescription[] = [
  { name: ENGAGEMENT_EVENTS_TOPIC, key: 'leadId', value: 'EngagementEventV1', producer: 'ingest', consumers: ['scoring'], retainedForever: true },
  { name: LEAD_PROFILES_TOPIC, key: 'leadId', value: 'LeadProfileUpdatedV1', producer: 'ingest', consumers: ['scoring'], retainedForever: true },
  // A fact like the events: ingest's identity state (links, anonymous buffers) is rebuilt from it and the events.
  { name: IDENTITY_LINKS_TOPIC, key: 'anonymousLeadId', value: 'IdentityLinkedV1', producer: 'ingest', consumers: [], retainedForever: true },
  { name: SCORE_CHANGES_TOPIC, key: 'leadId', value: 'ScoreChangedV1', producer: 'scoring', consumers: ['lifecycle'] },
  { name: LEAD_QUALIFIED_TOPIC, key: 'leadId', value: 'LeadQualifiedV1', producer: 'lifecycle', consumers: ['notifier'] },
  { name: STAGE_CHANGES_TOPIC, key: 'leadId', value: 'LeadStageChangedV1', producer: 'lifecycle', consumers: [] },
  { name: ALERTS_SENT_TOPIC, key: 'leadId', value: 'AlertSentV1', producer: 'notifier', consumers: [], retainedForever: true },
  { name: SALES_FEEDBACK_TOPIC, key: 'leadId', value: 'SalesFeedbackV1', producer: 'external', consumers: ['lifecycle'] },
  { name: SCORING_DEAD_LETTER_TOPIC, key: 'as consumed', value: 'as consumed + reason headers', producer: 'scoring', consumers: [] },
  { name: LIFECYCLE_DEAD_LETTER_TOPIC, key: 'as consumed', value: 'as consumed + reason headers', producer: 'lifecycle', consumers: [] },
  { name: NOTIFIER_DEAD_LETTER_TOPIC, key: 'as consumed', value: 'as consumed + reason headers', producer: 'notifier', consumers: [] },
];

/** The topics a service writes or reads: it creates them at start, so it never depends on start order. */
export function topicsOf(service: BatonService): string[] {
  return TOPIC_CATALOG.filter((topic) => topic.producer === service || topic.consumers.includes(service)).map((topic) => topic.name);
}
