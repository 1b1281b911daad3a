import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NotifierEnv } from '@baton/config';
import { newMessageTrace } from '@baton/telemetry';
import { waitFor } from '@baton/testing';
import type { AlertChannel } from '../../channels/channel';
import { qualification } from '../../channels/slack/__tests__/alert.fixture';
import { ChannelRegistry } from '../../delivery/channel-registry';
import type { DeliveryStore } from '../../delivery/delivery.store';
import type { DeliveryScheduler } from '../../delivery/delivery.scheduler';
import { EnqueueAlertsUseCase } from '../../delivery/enqueue-alerts.usecase';
import type { OwnerAssigner } from '../owner-assigner';
import { routeFor } from '../route-for';
import { RoutedChannelRegistry } from '../routed-channel-registry';
import type { RoutingConfig } from '../routing-config';
import { RoutingInvalidError } from '../routing-invalid.error';
import { RoutingHolder } from '../routing.holder';
import { edit, ENV, ROUTING_TEXT, SECRET } from './routing-text.fixture';

/** The fixture with a route for Germany, first, to a new channel (a change that must take effect). */
const WITH_DACH = edit(
  'routes:                       # first match wins\n',
  'routes:                       # first match wins\n  - name: dach\n    when: [{ field: profile.company.country, in: [DE, AT, CH] }]\n    channels: [dach-webhook]\n',
  edit('teams:', '  dach-webhook: { type: webhook, url: "https://dach.example.com/hook", secretEnv: [NOTIFIER_WEBHOOK_SECRET] }\nteams:'),
);

/** Channels that only say who they are: the holder builds them from each routing it puts in force. */
function channelsFor(config: RoutingConfig): ChannelRegistry {
  return new ChannelRegistry(
    config.channels.map((channel): AlertChannel => ({
      id: channel.id,
      type: channel.type,
      maxConcurrency: channel.maxConcurrency,
      timeoutMs: channel.timeoutMs,
      send: () => Promise.reject(new Error('not in this test')),
    })),
  );
}

describe('RoutingHolder', () => {
  let dir: string;
  let file: string;
  let holder: RoutingHolder | undefined;
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;

  const start = (reloadIntervalMs = 0, env: NodeJS.ProcessEnv = ENV): RoutingHolder => {
    holder = new RoutingHolder({ env: { ...env, NOTIFIER_ROUTING_FILE: file }, reloadIntervalMs, channelsFor });
    return holder;
  };
  const errorLines = (): string[] => errors.mock.calls.map((call: unknown[]) => String(call[0]));
  const germany = qualification({ stage: 'mql', grade: 'C', profile: { company: { country: 'DE' } } });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-routing-'));
    file = join(dir, 'routing.yaml');
    writeFileSync(file, ROUTING_TEXT);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    holder?.onApplicationShutdown();
    holder = undefined;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should read the file when constructed, build its channels and log what is in force (ids, never URLs)', () => {
    const { config, channels } = start().current;

    expect(config.routes.map((route) => route.name)).toEqual(['emea-sql', 'grade-a']);
    expect(channels.get('sales-slack')?.type).toBe('slack');
    expect(logs).toHaveBeenCalledWith(`routing loaded from ${file}: routes emea-sql, grade-a, then default; channels crm-webhook, sales-slack, sales-email`);
  });

  it('should refuse to start on an invalid or unreadable file, naming every problem', () => {
    writeFileSync(file, edit('{ field: grade, in: [A] }', '{ field: grade, matches: "(?=A)" }'));
    expect(() => start()).toThrow(RoutingInvalidError);
    expect(() => start()).toThrow(/routes\[1\]\.when\[0\]\.matches \(line 15\): is not a valid regular expression: \(\?= is a lookaround/);

    unlinkSync(file);
    expect(() => start()).toThrow(/cannot be read \(NOTIFIER_ROUTING_FILE\): .*ENOENT/);
  });

  it('should take the single webhook of the environment without a file, and have nothing to reload', () => {
    holder = new RoutingHolder({ env: { NOTIFIER_WEBHOOK_URL: 'https://crm.example.com/hook', NOTIFIER_WEBHOOK_SECRET: SECRET }, reloadIntervalMs: 20, channelsFor });
    holder.onApplicationBootstrap();

    expect(holder.current.config.default).toEqual({ channels: ['webhook'] });
    expect(holder.reload()).toBe('unchanged');
  });

  it('should put a valid new file in force on reload, its new route and channel with it', () => {
    start();
    const registry = new RoutedChannelRegistry(holder as RoutingHolder);
    expect(routeFor(holder?.current.config as RoutingConfig, germany).route).toBe('default');
    expect(registry.get('dach-webhook')).toBeUndefined();

    writeFileSync(file, WITH_DACH);

    expect(holder?.reload()).toBe('loaded');
    expect(routeFor(holder?.current.config as RoutingConfig, germany)).toEqual({ route: 'dach', channels: ['dach-webhook'] });
    expect(registry.get('dach-webhook')?.id).toBe('dach-webhook');
    expect(logs).toHaveBeenLastCalledWith(`routing reloaded from ${file}: routes dach, emea-sql, grade-a, then default; channels crm-webhook, sales-slack, sales-email, dach-webhook`);
    expect(holder?.reload()).toBe('unchanged');
  });

  describe('should refuse a reload and keep the running routing, logging why', () => {
    it.each([
      ['malformed YAML', edit('    team: emea\n', '    team: [emea\n'), 'YAML syntax'],
      ['a wrong type', edit('timeoutMs: 5000, maxConcurrency: 4 }', 'timeoutMs: soon, maxConcurrency: 4 }'), 'channels["crm-webhook"].timeoutMs (line 3): must be an integer'],
      ['an unknown key', edit('    team: emea\n', '    team: emea\n    priority: high\n'), 'routes[0].priority (line 13): unknown key "priority"'],
      [
        'a lookaround',
        edit('{ field: grade, in: [A] }', '{ field: rule, matches: "(?<!not_)sql" }'),
        'routes[1].when[0].matches (line 15): is not a valid regular expression: (?<! is a lookaround (patterns run on RE2, in linear time: no backreferences or lookarounds)',
      ],
      [
        'a backreference',
        edit('{ field: grade, in: [A] }', '{ field: rule, matches: "(\\\\w)\\\\1" }'),
        'routes[1].when[0].matches (line 15): is not a valid regular expression: \\1 is a backreference',
      ],
      ['a route to a channel not defined', edit('    channels: [crm-webhook, sales-slack]\n', '    channels: [crm-webhook, fax]\n'), 'routes[1].channels[1] (line 17): names channel "fax"'],
      [
        'a secret variable that is not set',
        edit('secretEnv: [NOTIFIER_WEBHOOK_SECRET]', 'secretEnv: [CRM_SECRET_NEXT]'),
        'channels["crm-webhook"].secretEnv[0] (line 3): environment variable CRM_SECRET_NEXT is not set',
      ],
      ['an empty file', '', 'is empty'],
    ])('%s', (_, text, problem) => {
      const running = start().current;
      writeFileSync(file, text);

      expect(holder?.reload()).toBe('refused');
      expect(holder?.current).toBe(running);
      expect(errorLines()).toEqual([expect.stringMatching(/^routing file refused, the running routing stays in force: /) as string]);
      expect(errorLines()[0]).toContain(problem);
    });

    it('a file that is gone', () => {
      const running = start().current;
      unlinkSync(file);

      expect(holder?.reload()).toBe('refused');
      expect(holder?.current).toBe(running);
      expect(errorLines()[0]).toMatch(/^routing file refused, the running routing stays in force: [\s\S]*cannot be read \(NOTIFIER_ROUTING_FILE\): .*ENOENT/);
    });
  });

  it('should route the next qualification by a reloaded file, in the use case that reads the holder', async () => {
    const created: { channelId: string; team?: string }[] = [];
    const store = { create: (delivery: { channelId: string; team?: string }) => Promise.resolve(created.push(delivery) > 0) } as unknown as DeliveryStore;
    const owners = { assign: () => Promise.resolve({ id: 'ana', name: 'Ana Ruiz' }) } as unknown as OwnerAssigner;
    const worker = { deliverDueNow: () => undefined } as unknown as DeliveryScheduler;
    const enqueue = new EnqueueAlertsUseCase({ NOTIFIER_RETRY_PERIOD_MS: 60_000 } as NotifierEnv, start(), owners, store, worker);

    await enqueue.execute({ ...germany, qualificationId: 'q-before' }, newMessageTrace());
    writeFileSync(file, WITH_DACH);
    holder?.reload();
    await enqueue.execute({ ...germany, qualificationId: 'q-after' }, newMessageTrace());

    expect(created.map(({ channelId, team }) => [channelId, team])).toEqual([
      ['crm-webhook', 'na'],
      ['dach-webhook', undefined],
    ]);
  });

  it('should put a pattern that backtracks catastrophically in JavaScript in force: harmless on RE2', () => {
    start();
    writeFileSync(file, edit('{ field: grade, in: [A] }', '{ field: profile.company.name, matches: "^(a+)+$" }'));

    expect(holder?.reload()).toBe('loaded');
    const named = (name: string): string => routeFor(holder?.current.config as RoutingConfig, qualification({ stage: 'mql', profile: { company: { name } } })).route;
    expect(named(`${'a'.repeat(100_000)}!`)).toBe('default');
    expect(named('aaaa')).toBe('grade-a');
  });

  it('should reload by itself when the file changes, and keep the running routing when the change is invalid', async () => {
    start(20).onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the watch's first look at the file

    writeFileSync(file, WITH_DACH);
    await waitFor('the new route', () => (holder?.current.config.routes[0]?.name === 'dach' ? true : undefined), 5000, 10);
    writeFileSync(file, edit('[DE, AT, CH]', '[DE, AT, CH', WITH_DACH));
    await waitFor('the refusal logged', () => (errorLines().length === 1 ? true : undefined), 5000, 10);

    expect(holder?.current.config.routes[0]?.name).toBe('dach');
    expect(errorLines()[0]).toMatch(/^routing file refused, the running routing stays in force: [\s\S]*line 12: YAML syntax/);
  });

  // Jest gives each test file its own `process` object, which the OS's signals do not reach: emit is what the
  // signal does to the listeners of the real one.
  it('should reload on SIGHUP with the file watch off, and stop once shut down', async () => {
    start(0).onApplicationBootstrap();

    writeFileSync(file, WITH_DACH);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(holder?.current.config.routes[0]?.name).toBe('emea-sql'); // no watch: only the signal reloads
    process.emit('SIGHUP', 'SIGHUP');
    expect(holder?.current.config.routes[0]?.name).toBe('dach');

    holder?.onApplicationShutdown();
    writeFileSync(file, ROUTING_TEXT);
    expect(process.emit('SIGHUP', 'SIGHUP')).toBe(false);
    expect(holder?.current.config.routes[0]?.name).toBe('dach');
  });
});
