import fc from 'fast-check';
import { currentTrace, parseTraceparent, runWithTrace, traceFromHeaders, traceHeadersOf, TRACE_HEADERS } from '../message-trace';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceFromHeaders', () => {
  it('should keep a sane correlation id and a valid traceparent with its tracestate', () => {
    const headers = { [TRACE_HEADERS.correlationId]: Buffer.from('req-42'), traceparent: Buffer.from(TRACEPARENT), tracestate: 'vendor=abc' };
    expect(traceFromHeaders(headers)).toEqual({ correlationId: 'req-42', traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
  });

  it('should make up a correlation id when there is none or it is not a sane token', () => {
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak']) {
      const trace = traceFromHeaders(bad === undefined ? {} : { [TRACE_HEADERS.correlationId]: bad });
      expect(trace.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('should drop a traceparent that W3C Trace Context says to ignore, and its tracestate with it', () => {
    const invalid = [
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // version ff is forbidden
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // a later version: fields may mean something else
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01', // all-zero trace id
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', // all-zero span id
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', // short trace id
      'garbage',
    ];
    for (const traceparent of invalid) expect(traceFromHeaders({ traceparent, tracestate: 'a=b' })).toEqual({ correlationId: expect.any(String) });
  });

  it('should take the first value of a repeated header', () => {
    expect(traceFromHeaders({ [TRACE_HEADERS.correlationId]: ['first', 'second'] }).correlationId).toBe('first');
  });

  it('should read back what traceHeadersOf wrote, for any trace', () => {
    const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length }).filter((id) => !/^0+$/.test(id));
    const trace = fc
      .record(
        {
          correlationId: fc.string({ unit: fc.constantFrom(...'abcXYZ019._:@-'), minLength: 1, maxLength: 128 }),
          traceparent: fc.tuple(hex(32), hex(16), fc.constantFrom('00', '01')).map(([traceId, spanId, flags]) => `00-${traceId}-${spanId}-${flags}`),
          tracestate: fc.string({ maxLength: 100 }),
        },
        { requiredKeys: ['correlationId'] },
      )
      .filter((value) => value.tracestate === undefined || value.traceparent !== undefined);
    fc.assert(fc.property(trace, (value) => expect(traceFromHeaders(traceHeadersOf(value))).toEqual(value)));
  });

  it('should never throw, and always give a sane correlation id and a valid traceparent or none', () => {
    const header = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes)),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(header, header, header, (correlationId, traceparent, tracestate) => {
        const trace = traceFromHeaders({ [TRACE_HEADERS.correlationId]: correlationId, traceparent, tracestate });
        expect(trace.correlationId).toMatch(/^[A-Za-z0-9._:@-]{1,128}$/);
        if (trace.traceparent !== undefined) expect(parseTraceparent(trace.traceparent)).toBeDefined();
      }),
    );
  });
});

describe('parseTraceparent', () => {
  it('should read the ids and the sampled flag', () => {
    expect(parseTraceparent(TRACEPARENT)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true });
    expect(parseTraceparent(TRACEPARENT.replace(/01$/, '00'))?.sampled).toBe(false);
  });
});

describe('runWithTrace', () => {
  it('should keep the trace across awaits and timers, and nest', async () => {
    const outer = { correlationId: 'outer' };
    await runWithTrace(outer, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(currentTrace()).toBe(outer);
      await runWithTrace({ correlationId: 'inner' }, async () => {
        await Promise.resolve();
        expect(currentTrace()?.correlationId).toBe('inner');
      });
      expect(currentTrace()).toBe(outer);
    });
    expect(currentTrace()).toBeUndefined();
  });
});
