export const ENGAGEMENT_EVENTS_TOPIC = 'baton.engagement-events.v1';
