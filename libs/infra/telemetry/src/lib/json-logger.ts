import type { LoggerService } from '@nestjs/common';
import pino, { type Level, type Logger } from 'pino';
import { currentTrace, parseTraceparent } from './message-trace';
import { scrubPersonalData } from './personal-data.scrubber';

export type JsonLogLevel = 'error' | 'warn' | 'info' | 'debug' | 'verbose';

const PINO_LEVELS: Record<JsonLogLevel, Level> = { error: 'error', warn: 'warn', info: 'info', debug: 'debug', verbose: 'trace' };

/**
 * One JSON object per line on stdout: time (ISO-8601), level (a word), service, context (the Nest logger's
 * name), msg, and the correlation id, trace id and span id of the work in progress when there is one.
 * Writes are synchronous: the last lines before a crash or `process.exit` are the ones that matter.
 */
export function createJsonLogger(service: string, level: JsonLogLevel, destination: pino.DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level: PINO_LEVELS[level],
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const trace = currentTrace();
        if (trace === undefined) return {};
        const context = parseTraceparent(trace.traceparent);
        return { correlationId: trace.correlationId, ...(context === undefined ? {} : { traceId: context.traceId, spanId: context.spanId }) };
      },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so that `new Logger(name)` everywhere (and Nest itself) writes JSON lines. */
export class JsonLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's calls are (message, context) and, for errors, (message, stack, context). */
  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const stack = level === 'error' || level === 'fatal' ? params.find((param, index) => typeof param === 'string' && (params.length > 1 ? index === 0 : param.includes('\n'))) : undefined;
    const fields: Record<string, unknown> = {};
    if (context !== undefined && context !== stack) fields['context'] = context;
    if (typeof stack === 'string') fields['stack'] = scrubPersonalData(stack);
    if (message instanceof Error) {
      fields['stack'] = scrubPersonalData(message.stack ?? message.message);
      this.logger[level](fields, scrubPersonalData(message.message));
      return;
    }
    this.logger[level](fields, scrubPersonalData(typeof message === 'string' ? message : JSON.stringify(message)));
  }
}
