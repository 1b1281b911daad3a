import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FreshRun } from '@baton/testing';
import { QUICK } from '../bench-profiles';
import type { BenchReport } from '../benchmarks';

/**
 * `npm run bench -- --quick --peer` as a user runs it on a fresh state directory (a broker and a Redis started for
 * the first time): a few thousand events through every benchmark against the built services, and through the Kafka
 * Streams peer (built by Maven unless its jar is cached). It checks that each part ran and counted right, and that the
 * peer scores as Baton's pure domain does, never how fast (figures on a shared CI machine mean nothing;
 * docs/benchmarking.md reports a full run).
 */
describe('the benchmarks, small', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  const reportPath = join(dir, 'report.json');
  let report: BenchReport & { targets: { target: string; met: boolean }[] };
  let printed: string;
  let leftovers: string[];

  beforeAll(async () => {
    const run = new FreshRun(['run', 'bench', '--', '--quick', '--peer', '--report', reportPath]);
    try {
      const exit = await run.exit(600_000);
      printed = run.printed;
      if (exit.code !== 0) throw new Error(`npm run bench -- --quick --peer exited ${exit.code ?? exit.signal}:\n${printed.slice(-5000)}`);
      leftovers = run.leftovers();
    } finally {
      run.cleanUp();
    }
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as typeof report;
  }, 620_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should consume on the raw baseline every message it produced, and relay each (the floor of one hop)', () => {
    expect(report.kafka.messages).toBe(QUICK.events);
    expect(report.kafka.produceMessagesPerSecond).toBeGreaterThan(0);
    expect(report.kafka.consumeMessagesPerSecond).toBeGreaterThan(0);
    expect(report.kafka.relayMessagesPerSecond).toBeGreaterThan(0);
    expect(report.kafka.relayCpuMicrosPerMessage).toBeGreaterThan(0);
    expect(report.redis.luaCallsPerSecond).toBeGreaterThan(0);
    expect(report.redis.luaClientCpuMicrosPerCall).toBeGreaterThan(0);
  });

  it('should have ingest accept every request of both batch sizes', () => {
    expect(report.ingest.map((run) => run.batchSize)).toEqual([1, 100]);
    for (const run of report.ingest) {
      expect(run.requests).toBeGreaterThan(0);
      expect(run.non2xx).toBe(0);
      expect(run.eventsPerSecond).toBeGreaterThan(0);
    }
  });

  it('should score every event of both backlogs exactly once, and lifecycle apply every change', () => {
    for (const drain of [report.pipeline, report.pipelineWarm]) {
      expect(drain.events).toBe(QUICK.events);
      expect(drain.scoreChanges).toBe(QUICK.events);
      expect(drain.leads).toBeLessThanOrEqual(QUICK.leads);
    }
    expect(report.sustained.scoringLagAtEnd).toBeGreaterThanOrEqual(0);
    expect(report.sustained.lagSamples.length).toBeGreaterThan(0);
  });

  it('should see every scripted qualification on Kafka and its alert at the webhook', () => {
    // One qualifying lead per ten requests of a hundred a second.
    const expected = Math.ceil((QUICK.latencySeconds * 100) / 10);
    expect(report.latency.map((run) => [run.qualifications, run.alertsReceived])).toEqual([[expected, expected]]);
  });

  it("should have the peer score every event of both backlogs as Baton's pure domain does, and time scoring beside it", () => {
    const peer = report.streamsPeer;
    expect([peer?.cold.scoreChanges, peer?.warm.scoreChanges]).toEqual([QUICK.events, QUICK.events]);
    expect(peer?.check.leads).toBeGreaterThan(0);
    expect(peer?.check.equal).toBe(peer?.check.leads);
    const readBack = (runs: readonly { events: number; scored: number }[] | undefined): boolean[] => (runs ?? []).map((run) => run.events > 0 && run.scored === run.events);
    expect([readBack(report.scoringLatency), readBack(peer?.latency)]).toEqual([[true], [true]]);
  });

  it('should measure memory and write the report with the targets', () => {
    expect(Object.keys(report.memory.peakRssMiB).sort()).toEqual(['ingest', 'lifecycle', 'notifier', 'scoring']);
    expect(report.memory.redisBytesPerLead).toBeGreaterThan(0);
    expect(report.targets.map((check) => check.target)).toEqual([
      'pipeline >= 20,000 events/s sustained',
      'CPU <= 50 µs per event, scoring + lifecycle',
      'p99 acceptance -> alert < 50 ms at 200 events/s',
      'peak RSS <= 200 MiB per service',
      'pipeline >= 1/2 of the raw consume rate',
      'p99 acceptance -> alert < 100 ms at 1,000 events/s',
      'ingest >= 20,000 events/s in batches of 100',
      'scoring throughput >= 1.0 x the Kafka Streams peer (both cold)',
      "scoring p99 <= 1.0 x the Kafka Streams peer's p99 at 200 events/s",
      "Kafka Streams peer's score = Baton's pure domain for every lead",
    ]);
    expect(printed).toContain('target: pipeline >= 20,000 events/s sustained');
  });

  it('should leave no process of its own running', () => {
    expect(leftovers).toEqual([]);
  });
});
