import autocannon from 'autocannon';
import { cpuSharesDuring } from './process-stats';
import type { ZipfWorkload } from '@baton/testing';

export interface IngestHttpResult {
  readonly batchSize: number;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Share of one core the ingest process used (1.0 = a whole core). */
  readonly ingestCpuShare: number;
}

/** Accepted events per second over HTTP, each request a fresh batch of the workload's events. */
export async function ingestHttp(url: string, apiKey: string, ingestPid: number, workload: ZipfWorkload, batchSize: number, seconds: number, connections: number): Promise<IngestHttpResult> {
  const { result, shares } = await cpuSharesDuring({ ingest: ingestPid }, () =>
    autocannon({
      url: `${url}/v1/events`,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ events: workload.events(batchSize) }) }) }],
    }),
  );
  const accepted = result['2xx'];
  return {
    batchSize,
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    non2xx: result.non2xx,
    eventsPerSecond: (accepted * batchSize) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ingestCpuShare: shares['ingest'] ?? 0,
  };
}
