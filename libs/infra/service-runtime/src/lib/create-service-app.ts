import type { DynamicModule, LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { LogLevel } from '@baton/config';
import { bodyErrorHandler, refuseInvalidUtf8 } from './problem/body-error.handler';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

export interface ServiceAppOptions {
  readonly logLevel: LogLevel | 'silent';
  /** Larger JSON bodies are refused with 413 before they are parsed. */
  readonly maxBodyBytes: number;
}

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * The HTTP side every service shares, in one place so that tests run the same app as production: a JSON body
 * limit, UTF-8 only, and problem+json for every error, including those of the body parser.
 */
export async function createServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: options.logLevel === 'silent' ? false : NEST_LEVELS[options.logLevel],
    bodyParser: false,
  });
  return configureServiceApp(app, options);
}

/** The same for an app a test built itself (with overridden providers); create it with `bodyParser: false`. */
export function configureServiceApp(app: NestExpressApplication, options: Pick<ServiceAppOptions, 'maxBodyBytes'>): NestExpressApplication {
  app.useBodyParser('json', { limit: options.maxBodyBytes, verify: refuseInvalidUtf8 });
  app.use(bodyErrorHandler);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('x-powered-by', false);
  return app;
}
