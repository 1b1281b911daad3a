import { parseTraceparent } from '../message-trace';
import { isTracing, startSpan, startTracing, stopTracing } from '../tracing';

const PARENT = { correlationId: 'req-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=abc' };

// The OTLP exporter loads node:http with a dynamic import, which Jest's VM refuses: these tests export with the
// console exporter, and the end-to-end tracing test exports over OTLP to a local collector from the built services.
describe('tracing', () => {
  let exported: Record<string, unknown>[];
  let dir: jest.SpyInstance;

  beforeEach(() => {
    exported = [];
    dir = jest.spyOn(console, 'dir').mockImplementation((span: unknown) => void exported.push(span as Record<string, unknown>));
  });

  afterEach(async () => {
    await stopTracing();
    dir.mockRestore();
  });

  it('should be off by default and then hand the caller’s trace on unchanged', async () => {
    startTracing('scoring', 'none');
    expect(isTracing()).toBe(false);
    const work = startSpan('work', 'consumer', PARENT);
    expect(work.trace).toBe(PARENT);
    work.end({ error: new Error('ignored') });
    await stopTracing();
    expect(exported).toEqual([]);
  });

  it('should make the span a child of the caller’s, hand on its trace and export it with the service’s name', async () => {
    startTracing('scoring', 'console');
    const work = startSpan('baton.engagement-events.v1 process', 'consumer', PARENT, { 'messaging.system': 'kafka' });
    const child = parseTraceparent(work.trace.traceparent);
    expect(child).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', sampled: true });
    expect(child?.spanId).not.toBe('00f067aa0ba902b7');
    expect(work.trace).toMatchObject({ correlationId: 'req-1', tracestate: 'vendor=abc' });
    work.end({ error: new Error('dead-lettered'), attributes: { 'baton.outcome': 'dead' } });
    await stopTracing();

    expect(exported).toEqual([
      expect.objectContaining({
        resource: { attributes: expect.objectContaining({ 'service.name': 'baton-scoring', 'service.namespace': 'baton' }) },
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        id: child?.spanId,
        parentSpanContext: expect.objectContaining({ spanId: '00f067aa0ba902b7' }),
        name: 'baton.engagement-events.v1 process',
        attributes: expect.objectContaining({ 'messaging.system': 'kafka', 'baton.correlation_id': 'req-1', 'baton.outcome': 'dead' }),
        status: { code: 2, message: 'dead-lettered' },
      }),
    ]);
  });

  it('should start a new trace when the work comes with none, and rename a span at its end', async () => {
    startTracing('ingest', 'console');
    const work = startSpan('POST', 'server', { correlationId: 'req-2' });
    const started = parseTraceparent(work.trace.traceparent);
    expect(started).toBeDefined();
    work.end({ name: 'POST /v1/events' });
    await stopTracing();
    expect(exported).toEqual([expect.objectContaining({ traceId: started?.traceId, name: 'POST /v1/events', parentSpanContext: undefined })]);
  });
});
