export { signWebhook, signWebhookWithSecrets, verifyWebhook, WEBHOOK_HEADERS, type SignedWebhookHeaders, type WebhookVerification } from './lib/webhook-signature';
