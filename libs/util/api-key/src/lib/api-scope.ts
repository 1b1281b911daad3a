/** What a key may do; each endpoint requires exactly one of these (docs/http-api.md, "API keys"). */
export const API_SCOPES = ['events:write', 'profiles:write', 'feedback:write', 'leads:read', 'funnel:read', 'alerts:read', 'alerts:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
