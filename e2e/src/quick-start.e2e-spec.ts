import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FreshRun } from '@baton/testing';

const DEMO_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 90_000;

/** What a newcomer must see at the end of the demo: every lead scored, the story's qualifications, every alert verified. */
function expectTheWholeDemo(printed: string): void {
  expect(printed).toContain('demo complete: 4 leads');
  expect(printed).not.toMatch(/demo failed|DID NOT GO AS EXPECTED/);
  const summary = (lead: string): string => new RegExp(`^.*  ${lead}-\\w+ +scored .*$`, 'm').exec(printed)?.[0] ?? `no summary line for ${lead}`;
  expect(summary('ada')).toMatch(/scored (\d+) of \1, .* sql, as expected .* alerts: 1, signatures verified: 1$/);
  expect(summary('grace')).toMatch(/scored (\d+) of \1, .* mql, as expected .* alerts: 1, signatures verified: 1$/);
  expect(summary('linus')).toMatch(/scored (\d+) of \1, .* disqualified, as expected .* alerts: 0, signatures verified: 0$/);
  expect(summary('sam')).toMatch(/scored (\d+) of \1, .* contact, as expected .* alerts: 0, signatures verified: 0; kept from sales: sql_fast_track needs grade C, has D$/);
}

/**
 * The README's Quick start as a newcomer runs it: `npm start` on an empty state directory, so on a broker and a
 * Redis started for the first time, several times in a row. The demo is shown to the end and, however it ends (its
 * option, or Ctrl-C after the demo, during the build or while the services start), nothing it started runs on.
 */
describe('npm start on a fresh machine', () => {
  const runs: FreshRun[] = [];
  const npmStart = (...args: string[]): FreshRun => {
    const run = new FreshRun(args.length === 0 ? ['start'] : ['start', '--', ...args]);
    runs.push(run);
    return run;
  };

  afterEach(() => {
    for (const run of runs.splice(0)) run.cleanUp();
  });

  it.each([1, 2])(
    'should show the whole demo and exit 0 with --exit-after-demo, leaving nothing running (run %i)',
    async () => {
      const run = npmStart('--exit-after-demo');
      const exit = await run.exit(DEMO_TIMEOUT_MS);
      expect({ exit, output: exit.code === 0 ? '' : run.printed }).toEqual({ exit: { code: 0, signal: null }, output: '' });
      expectTheWholeDemo(run.printed);
      expect(run.leftovers()).toEqual([]);
      // Retries are not limited for the idempotent producer, so kafkajs has no reason to warn about them.
      const logs = join(run.stateDir, 'logs');
      const services = readdirSync(logs).filter((file) => file.startsWith('service-'));
      expect(services).toHaveLength(4);
      for (const file of services) expect({ file, warned: readFileSync(join(logs, file), 'utf8').includes('Limiting retries') }).toEqual({ file, warned: false });
    },
    DEMO_TIMEOUT_MS + 10_000,
  );

  it(
    'should stop everything on Ctrl-C after the demo',
    async () => {
      const run = npmStart();
      await run.waitForOutput(/press Ctrl-C to stop/, DEMO_TIMEOUT_MS);
      expectTheWholeDemo(run.printed);
      run.interrupt();
      const exit = await run.exit(STOP_TIMEOUT_MS);
      // The demo and the script exit 0; npm then ends itself by the SIGINT it was sent, as it does on any Ctrl-C.
      expect(exit).toEqual({ code: null, signal: 'SIGINT' });
      expect(run.printed).toContain('stopping the services');
      expect(run.printed).not.toMatch(/demo failed/);
      expect(run.printed).toMatch(/stopping Kafka[\s\S]*stopping Redis/);
      expect(run.leftovers()).toEqual([]);
    },
    DEMO_TIMEOUT_MS + STOP_TIMEOUT_MS,
  );

  it(
    'should stop everything on Ctrl-C during the build',
    async () => {
      const run = npmStart();
      await run.waitForOutput(/building the services/);
      run.interrupt();
      await run.exit(STOP_TIMEOUT_MS);
      expect(run.printed).not.toContain('starting ingest');
      expect(run.leftovers()).toEqual([]);
    },
    120_000 + STOP_TIMEOUT_MS,
  );

  it(
    'should stop everything on Ctrl-C while the services start',
    async () => {
      const run = npmStart();
      await run.waitForOutput(/starting ingest, scoring, lifecycle and notifier/);
      await sleep(1500);
      run.interrupt();
      await run.exit(STOP_TIMEOUT_MS);
      expect(run.printed).not.toMatch(/demo failed/);
      expect(run.leftovers()).toEqual([]);
    },
    120_000 + STOP_TIMEOUT_MS,
  );
});
