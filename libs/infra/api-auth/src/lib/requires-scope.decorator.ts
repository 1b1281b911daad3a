import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { ApiScope } from '@baton/api-key';

export const REQUIRED_SCOPE = 'baton:required-scope';

/** The scope a key needs for this endpoint; also written into the OpenAPI document (`x-required-scope`). */
export function RequiresScope(scope: ApiScope): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiSecurity('apiKey'), ApiSecurity('apiKeyHeader'), ApiSecurity('basic'), ApiExtension('x-required-scope', scope));
}
