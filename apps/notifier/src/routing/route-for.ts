import type { LeadQualifiedV1 } from '@baton/contracts';
import { allConditionsHold, type FieldSource } from '@baton/scoring-domain';
import type { RouteChoice, RoutingConfig } from './routing-config';

/** The first route whose conditions all hold on the qualification (stage, grade, profile.company.country, ...), else the default. */
export function routeFor(config: RoutingConfig, qualified: LeadQualifiedV1): RouteChoice {
  // The event is a plain JSON object read by dotted paths; own properties only (see valueAt).
  const source = qualified as unknown as FieldSource;
  for (const route of config.routes) {
    if (allConditionsHold(route.when, source)) return { route: route.name, ...(route.team === undefined ? {} : { team: route.team }), channels: route.channels };
  }
  return { route: 'default', ...(config.default.team === undefined ? {} : { team: config.default.team }), channels: config.default.channels };
}
