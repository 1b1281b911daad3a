export const ALERTS_SENT_TOPIC = 'baton.alerts-sent.v1';
