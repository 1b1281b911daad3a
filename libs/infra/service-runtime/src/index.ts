export * from './lib/api-docs';
export { bootstrapService, exitOnStartupFailure, type ServiceDefinition } from './lib/bootstrap-service';
export { configureServiceApp, createServiceApp, type ServiceAppOptions } from './lib/create-service-app';
export { HealthController } from './lib/health.controller';
export { HealthModule } from './lib/health.module';
export { futureDateErrors, type DateLimits } from './lib/problem/future-date.check';
export { invalidRequest, PROBLEM_CONTENT_TYPE, ProblemException, type ProblemDetails, type ProblemFieldError } from './lib/problem/problem.exception';
export { PUBLIC_ENDPOINT, PublicEndpoint } from './lib/public-endpoint.decorator';
export { READINESS_CHECKS, type ReadinessCheck } from './lib/readiness';
