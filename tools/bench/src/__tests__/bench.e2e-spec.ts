import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchReport } from '../bench-report';
import { QUICK } from '../bench-profiles';
import { benchTable } from '../bench-table';
import { runBenchmarks, type BenchReport } from '../benchmarks';

/**
 * CI's run of `npm run bench -- --quick`: a few thousand events through every benchmark against the built
 * services. It checks that each part ran and counted right, never how fast (figures on a shared CI machine
 * mean nothing; the README reports a full run).
 */
describe('the benchmarks, small', () => {
  let report: BenchReport;

  beforeAll(async () => {
    report = await runBenchmarks({ brokers: process.env['KAFKA_BROKERS'] as string, redisUrl: process.env['REDIS_URL'] as string, ...QUICK }, () => undefined);
  }, 300_000);

  it('should consume on the raw baseline every message it produced', () => {
    expect(report.kafka.messages).toBe(QUICK.events);
    expect(report.kafka.produceMessagesPerSecond).toBeGreaterThan(0);
    expect(report.kafka.consumeMessagesPerSecond).toBeGreaterThan(0);
    expect(report.redis.luaCallsPerSecond).toBeGreaterThan(0);
  });

  it('should have ingest accept every request of both batch sizes', () => {
    expect(report.ingest.map((run) => run.batchSize)).toEqual([1, 100]);
    for (const run of report.ingest) {
      expect(run.requests).toBeGreaterThan(0);
      expect(run.non2xx).toBe(0);
      expect(run.eventsPerSecond).toBeGreaterThan(0);
    }
  });

  it('should score every event of the backlog exactly once, and lifecycle apply every change', () => {
    expect(report.pipeline.events).toBe(QUICK.events);
    expect(report.pipeline.scoreChanges).toBe(QUICK.events);
    expect(report.pipeline.leads).toBeLessThanOrEqual(QUICK.leads);
    expect(report.sustained.scoringLagAtEnd).toBeGreaterThanOrEqual(0);
    expect(report.sustained.lagSamples.length).toBeGreaterThan(0);
  });

  it('should see every scripted qualification on Kafka and its alert at the webhook', () => {
    // One qualifying lead per ten requests of a hundred a second.
    const expected = Math.ceil((QUICK.latencySeconds * 100) / 10);
    expect(report.latency.map((run) => [run.qualifications, run.alertsReceived])).toEqual([[expected, expected]]);
  });

  it('should measure memory and write the report with the targets', () => {
    expect(Object.keys(report.memory.peakRssMiB).sort()).toEqual(['ingest', 'lifecycle', 'notifier', 'scoring']);
    expect(report.memory.redisBytesPerLead).toBeGreaterThan(0);
    const path = join(mkdtempSync(join(tmpdir(), 'baton-bench-')), 'report.json');
    writeBenchReport(path, report);
    const written = JSON.parse(readFileSync(path, 'utf8')) as BenchReport & { targets: { target: string; met: boolean }[] };
    expect(written.pipeline.scoreChanges).toBe(QUICK.events);
    expect(written.targets).toHaveLength(4);
    expect(benchTable(report)).toContain('target: pipeline >= 20,000 events/s sustained');
  });
});
