import { Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigInvalidError, loadConfig, type ServiceEnv } from '@baton/config';
import { startTracing, stopTracing } from '@baton/telemetry';
import { setupApiDocs } from './api-docs/api-docs.setup';
import { createServiceApp, useJsonLogs } from './create-service-app';

export interface ServiceDefinition<C extends ServiceEnv> {
  readonly service: string;
  readonly schema: new () => C;
  readonly module: (config: C) => DynamicModule;
}

/**
 * Validates the configuration first (a bad variable stops the service with its name, before any
 * connection), then starts the Nest app with shutdown hooks so SIGTERM stops consumers cleanly.
 */
export async function bootstrapService<C extends ServiceEnv>(definition: ServiceDefinition<C>): Promise<NestExpressApplication> {
  const config = loadConfig(definition.schema, process.env, definition.service);
  useJsonLogs(definition.service, config.LOG_LEVEL);
  startTracing(definition.service, config.OTEL_TRACES_EXPORTER);
  const root: DynamicModule = { module: ServiceRootModule, imports: [definition.module(config)], providers: [TracingShutdown] };
  const app = await createServiceApp(root, { service: definition.service, logLevel: config.LOG_LEVEL, maxBodyBytes: config.API_MAX_BODY_BYTES, server: config });
  app.enableShutdownHooks();
  exitAfterGracePeriod(definition.service, config.SHUTDOWN_GRACE_MS);
  setupApiDocs(app, { service: definition.service });
  await app.listen(config.PORT, '0.0.0.0');
  Logger.log(`${definition.service} listening on port ${config.PORT}`, 'Bootstrap');
  return app;
}

@Module({})
class ServiceRootModule {}

/** Sends the spans still buffered when the service stops. */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/**
 * Nest's shutdown hooks stop the consumers, finish or hand back their batches, commit and close the clients; a
 * hook that hangs (a broker gone for good) must not keep the pod in Terminating until Kubernetes kills it, so
 * the process exits by itself once the grace period is over.
 */
function exitAfterGracePeriod(service: string, graceMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        Logger.error(`${service} did not stop within SHUTDOWN_GRACE_MS (${graceMs} ms) after ${signal}: exiting`, 'Bootstrap');
        process.exit(1);
      }, graceMs).unref();
    });
  }
}

/** A coded error (`code: 'AREA.REASON'`) already says what is wrong in its message; anything else shows its stack. */
function describeStartupError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z_]+\.[A-Z_]+$/.test(code) ? `${code}: ${error.message}` : (error.stack ?? error.message);
}

/** The end of every main.ts: a failed start exits non-zero with a message that says why. */
export function exitOnStartupFailure(service: string): (error: unknown) => void {
  return (error: unknown) => {
    const message = error instanceof ConfigInvalidError ? error.message : `${service} failed: ${describeStartupError(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  };
}
