export { bootstrapService, exitOnStartupFailure, type ServiceDefinition } from './lib/bootstrap-service';
export { HealthController } from './lib/health.controller';
export { READINESS_CHECKS, type ReadinessCheck } from './lib/readiness';
