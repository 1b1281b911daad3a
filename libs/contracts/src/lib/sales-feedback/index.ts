export { FEEDBACK_OUTCOMES, SalesFeedbackV1, type FeedbackOutcome } from './sales-feedback.value';
export { SALES_FEEDBACK_TOPIC } from './sales-feedback.topic';
