import { Writable } from 'node:stream';
import { createJsonLogger, JsonLoggerService } from '../json-logger';
import { runWithTrace } from '../message-trace';

function capture(level: Parameters<typeof createJsonLogger>[1]): { service: JsonLoggerService; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const service = new JsonLoggerService(createJsonLogger('scoring', level, sink));
  return {
    service,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('JsonLoggerService', () => {
  it('should write one JSON object per line with time, level, service, context and message', () => {
    const { service, lines } = capture('info');
    service.log('scoring listening on port 3001', 'Bootstrap');
    expect(lines()).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), service: 'scoring', context: 'Bootstrap', msg: 'scoring listening on port 3001' },
    ]);
  });

  it('should add the correlation id and trace ids of the work in progress', () => {
    const { service, lines } = capture('info');
    runWithTrace({ correlationId: 'req-7', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, () => service.warn('slow', 'Worker'));
    runWithTrace({ correlationId: 'req-8' }, () => service.log('no trace context'));
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', correlationId: 'req-7', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', msg: 'slow' }),
      expect.objectContaining({ correlationId: 'req-8', msg: 'no trace context' }),
    ]);
    expect(lines()[1]).not.toHaveProperty('traceId');
  });

  it('should keep the stack of an error, as Nest passes it (message, stack, context)', () => {
    const { service, lines } = capture('info');
    const error = new Error('boom');
    service.error('handler failed', error.stack, 'ExceptionsHandler');
    service.error(error);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'error', context: 'ExceptionsHandler', msg: 'handler failed', stack: expect.stringContaining('Error: boom') }),
      expect.objectContaining({ level: 'error', msg: 'boom', stack: expect.stringContaining('json-logger.spec.ts') }),
    ]);
  });

  it('should write only the levels at or above the one configured; verbose is pino trace', () => {
    const { service, lines } = capture('warn');
    service.debug('hidden');
    service.log('hidden too');
    service.warn('shown');
    expect(lines().map((line) => line['msg'])).toEqual(['shown']);
    const verbose = capture('verbose');
    verbose.service.verbose('fine detail');
    expect(verbose.lines()).toEqual([expect.objectContaining({ level: 'trace', msg: 'fine detail' })]);
  });

  it('should never write an e-mail address or an API key secret, even in a stack', () => {
    const { service, lines } = capture('info');
    service.log('lead ada@example.com qualified');
    service.error('send failed', 'Error: refused ada@example.com\n    at x (y.ts:1:1)', 'Worker');
    expect(JSON.stringify(lines())).not.toContain('ada@example.com');
  });
});
