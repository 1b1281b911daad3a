/** The notifier's routing (NOTIFIER_ROUTING_FILE): what the rest of the app imports. */
export { defaultRoutingFromEnv, parseRoutingFile, WEBHOOK_SECRET_PATTERN } from './parse-routing-file';
export { loadRouting } from './load-routing';
export { routeFor } from './route-for';
export { DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_MS, type ChannelConfig, type ChannelType, type Route, type RouteChoice, type RoutingConfig, type TeamConfig } from './routing-config';
export { formatRoutingProblem, RoutingInvalidError, type RoutingProblem } from './routing-invalid.error';
export { ROUTING_SCHEMA } from './routing.schema';
