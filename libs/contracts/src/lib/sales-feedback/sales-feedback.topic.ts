export const SALES_FEEDBACK_TOPIC = 'baton.sales-feedback.v1';
