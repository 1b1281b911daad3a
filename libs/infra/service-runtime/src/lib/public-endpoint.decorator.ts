import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ENDPOINT = 'baton:public-endpoint';

/** Served without an API key: probes and scrapes (health, metrics), which carry no lead data. */
export function PublicEndpoint(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_ENDPOINT, true);
}
