import type { IncomingHttpHeaders } from 'node:http';

/**
 * The key a request carries: `Authorization: Bearer <key>`, `X-API-Key: <key>`, or `Authorization: Basic`
 * with the key as user name, as Segment's and RudderStack's HTTP senders send a write key.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const [scheme, credentials = ''] = authorization.split(' ', 2);
    switch (scheme?.toLowerCase()) {
      case 'bearer':
        return credentials.trim();
      case 'basic': {
        const decoded = Buffer.from(credentials.trim(), 'base64').toString('utf8');
        return decoded.split(':', 1)[0];
      }
      default:
        return authorization.trim();
    }
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header.trim() : undefined;
}
