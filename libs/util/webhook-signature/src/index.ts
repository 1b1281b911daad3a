export { signWebhook, verifyWebhook, WEBHOOK_HEADERS, type SignedWebhookHeaders, type WebhookVerification } from './lib/webhook-signature';
