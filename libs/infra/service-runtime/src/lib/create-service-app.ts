import { Logger, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HTTP_SERVER_DEFAULTS, type HttpServerSettings, type LogLevel } from '@baton/config';
import { continueRequestTrace, createJsonLogger, JsonLoggerService, startRequestTrace } from '@baton/telemetry';
import { LimitedExpressAdapter } from './limited-express.adapter';
import { bodyErrorHandler, refuseInvalidUtf8 } from './problem/body-error.handler';
import { ProblemDetailsFilter } from './problem/problem-details.filter';

export interface ServiceAppOptions {
  /** The `service` field of every log line. */
  readonly service?: string;
  readonly logLevel: LogLevel | 'silent';
  /** Larger JSON bodies are refused with 413 before they are parsed. */
  readonly maxBodyBytes: number;
  /** The HTTP server's timeouts and header limit (a service's configuration holds them); the schema's defaults when absent. */
  readonly server?: HttpServerSettings;
}

/**
 * The HTTP side every service shares, in one place so that tests run the same app as production: a server that
 * drops slow and stalled clients and oversized headers, a JSON body limit, UTF-8 only, problem+json for every
 * error, including those of the body parser, and each request in its trace (correlation id, W3C trace context)
 * from the first middleware to the last message it produces.
 */
export async function createServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, new LimitedExpressAdapter(options.server ?? HTTP_SERVER_DEFAULTS), {
    logger: options.logLevel === 'silent' ? false : useJsonLogs(options.service ?? 'baton', options.logLevel),
    bodyParser: false,
  });
  return configureServiceApp(app, options);
}

/**
 * Makes every Nest logger of the process write JSON lines; called before the modules are built too, since some
 * providers (the model holder) log while they are made.
 */
export function useJsonLogs(service: string, level: LogLevel): JsonLoggerService {
  const logger = new JsonLoggerService(createJsonLogger(service, level));
  Logger.overrideLogger(logger);
  return logger;
}

/** The same for an app a test built itself (with overridden providers); create it with `bodyParser: false`. */
export function configureServiceApp(app: NestExpressApplication, options: Pick<ServiceAppOptions, 'maxBodyBytes'>): NestExpressApplication {
  app.use(startRequestTrace);
  app.useBodyParser('json', { limit: options.maxBodyBytes, verify: refuseInvalidUtf8 });
  app.use(bodyErrorHandler);
  app.use(continueRequestTrace);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('x-powered-by', false);
  return app;
}
