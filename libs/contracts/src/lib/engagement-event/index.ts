export { ENGAGEMENT_EVENTS_TOPIC } from './engagement-event.topic';
export { ENGAGEMENT_EVENT_TYPE_PATTERN, EngagementEventV1 } from './engagement-event.value';
