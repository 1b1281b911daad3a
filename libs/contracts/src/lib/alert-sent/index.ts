export { ALERTS_SENT_TOPIC } from './alert-sent.topic';
export { ALERT_CHANNEL_TYPES, AlertSentV1 } from './alert-sent.value';
