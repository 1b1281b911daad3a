export { ConnectionSecurityEnv, KAFKA_SASL_MECHANISMS, type KafkaSaslMechanism } from './lib/connection-security.env';
export { ConfigInvalidError, envVariableNames, loadConfig } from './lib/load-config';
export { HTTP_SERVER_DEFAULTS, HttpServerEnv, type HttpServerSettings } from './lib/http-server.env';
export { ConsumerServiceEnv, LOG_LEVELS, ServiceEnv, TRACES_EXPORTERS, type LogLevel, type TracesExporter } from './lib/service-env';
export { IngestEnv } from './lib/ingest.env';
export { LifecycleEnv } from './lib/lifecycle.env';
export { NotifierEnv } from './lib/notifier.env';
export { ScoringEnv } from './lib/scoring.env';
