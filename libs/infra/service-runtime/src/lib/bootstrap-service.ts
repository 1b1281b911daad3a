import { Logger, type DynamicModule, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigInvalidError, loadConfig, type LogLevel, type ServiceEnv } from '@baton/config';

export interface ServiceDefinition<C extends ServiceEnv> {
  readonly service: string;
  readonly schema: new () => C;
  readonly module: (config: C) => DynamicModule;
  /** HTTP settings of the service (body limits, parsers) applied before it listens. */
  readonly configure?: (app: NestExpressApplication, config: C) => void;
}

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Validates the configuration first (a bad variable stops the service with its name, before any
 * connection), then starts the Nest app with shutdown hooks so SIGTERM stops consumers cleanly.
 */
export async function bootstrapService<C extends ServiceEnv>(definition: ServiceDefinition<C>): Promise<NestExpressApplication> {
  const config = loadConfig(definition.schema, process.env, definition.service);
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    logger: NEST_LEVELS[config.LOG_LEVEL],
    bodyParser: definition.configure === undefined,
  });
  app.enableShutdownHooks();
  definition.configure?.(app, config);
  await app.listen(config.PORT, '0.0.0.0');
  Logger.log(`${definition.service} listening on port ${config.PORT}`, 'Bootstrap');
  return app;
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
