import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { allConditionsHold } from '@baton/scoring-domain';
import { ScoringModelInvalidError } from '../model/scoring-model-invalid.error';
import { ModelFileUnreadableError, ScoringModelHolder } from '../scoring-model.holder';
import { eventually } from './eventually';

/** The bundled default model: a real file, edited by each test. */
const MODEL = readFileSync(join(__dirname, '../../../../../domain/scoring/models/b2b-default.yaml'), 'utf8');
const VERSION = /^version: (\S+)/m.exec(MODEL)?.[1] ?? '';

/** The default model under another version, with one exact piece of text replaced. */
function variant(version: string, from?: string, to?: string): string {
  const text = MODEL.replace(/^version: .*$/m, `version: ${version}`);
  if (from === undefined || to === undefined) return text;
  if (!text.includes(from)) throw new Error(`test fixture: the default model has no ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

const CAREERS = '{ field: url, matches: "/careers|/jobs" }';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 200));

describe('ScoringModelHolder', () => {
  let dir: string;
  let file: string;
  let holder: ScoringModelHolder | undefined;
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-model-'));
    file = join(dir, 'model.yaml');
    writeFileSync(file, MODEL);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    holder?.onApplicationShutdown();
    holder = undefined;
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const errorLines = (): string[] => errors.mock.calls.map((call: unknown[]) => String(call[0]));

  it('should load the file when constructed and log its version', () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });

    expect(holder.current.version).toBe(VERSION);
    expect(logs).toHaveBeenCalledWith(`scoring model ${VERSION} loaded from ${file}`);
  });

  it.each([
    ['malformed YAML', variant('bad-1', CAREERS, '{ field: url, matches: "/careers|/jobs" '), /YAML syntax/],
    ['an unknown key', variant('bad-1', CAREERS, '{ field: url, matches: "/careers|/jobs", weight: 2 }'), /unknown key "weight"/],
    ['a lookaround', variant('bad-1', CAREERS, '{ field: url, matches: "/careers(?!/apply)" }'), /\(\?! is a lookaround \(patterns run on RE2/],
  ])('should refuse to start on %s, naming the problem', (_, text, problem) => {
    writeFileSync(file, text);

    expect(() => new ScoringModelHolder({ file, reloadIntervalMs: 0 })).toThrow(ScoringModelInvalidError);
    expect(() => new ScoringModelHolder({ file, reloadIntervalMs: 0 })).toThrow(problem);
  });

  it('should refuse to start without a file, with a coded error', () => {
    expect(() => new ScoringModelHolder({ file: join(dir, 'missing.yaml'), reloadIntervalMs: 0 })).toThrow(expect.objectContaining({ code: 'SCORING_MODEL.UNREADABLE' }) as Error);
    expect(() => new ScoringModelHolder({ file: join(dir, 'missing.yaml'), reloadIntervalMs: 0 })).toThrow(ModelFileUnreadableError);
  });

  it('should apply a new version on reload, and report an unchanged file as such', () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });
    expect(holder.reload()).toBe('unchanged');

    writeFileSync(file, variant('next-2'));

    expect(holder.reload()).toBe('loaded');
    expect(holder.current.version).toBe('next-2');
    expect(logs).toHaveBeenLastCalledWith(`scoring model next-2 loaded from ${file}, replacing ${VERSION}`);
  });

  describe('should refuse a reload and keep the running model, logging why', () => {
    it.each([
      ['malformed YAML', variant('bad-2', CAREERS, '{ field: url, matches: "/careers|/jobs" '), 'YAML syntax'],
      ['a wrong type', variant('bad-2', 'points: -5', 'points: minus five'), 'engagement.rules[0].points (line 24): must be an integer'],
      ['an unknown key', variant('bad-2', CAREERS, '{ field: url, matches: "/careers|/jobs", weight: 2 }'), 'engagement.rules[0].when[0].weight (line 23): unknown key "weight"'],
      [
        'a lookaround',
        variant('bad-2', CAREERS, '{ field: url, matches: "/careers(?!/apply)" }'),
        'engagement.rules[0].when[0].matches (line 23): is not a valid regular expression: (?! is a lookaround (patterns run on RE2, in linear time: no backreferences or lookarounds)',
      ],
      [
        'a backreference',
        variant('bad-2', CAREERS, '{ field: url, matches: "/(careers|jobs)/\\\\1" }'),
        'engagement.rules[0].when[0].matches (line 23): is not a valid regular expression: \\1 is a backreference (patterns run on RE2',
      ],
      ['changed content under the same version', variant(VERSION, 'points: -5', 'points: -6'), `the file changed but its version is still ${VERSION}: give the new model a new version`],
      ['an empty file', '', 'is empty'],
    ])('%s', (_, text, problem) => {
      holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });
      const running = holder.current;
      writeFileSync(file, text);

      expect(holder.reload()).toBe('refused');
      expect(holder.current).toBe(running);
      expect(errorLines()).toEqual([expect.stringContaining(`model file refused, ${VERSION} stays in force: `) as string]);
      expect(errorLines()[0]).toContain(problem);
    });

    it('a file that is gone', () => {
      holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });
      unlinkSync(file);

      expect(holder.reload()).toBe('refused');
      expect(holder.current.version).toBe(VERSION);
      expect(errorLines()[0]).toMatch(new RegExp(`^model file refused, ${VERSION} stays in force: cannot read the scoring model file .*ENOENT`));
    });
  });

  it('should accept a pattern that backtracks catastrophically in JavaScript, harmless on RE2', () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });
    writeFileSync(file, variant('next-3', CAREERS, '{ field: url, matches: "^(a+)+$" }'));

    expect(holder.reload()).toBe('loaded');
    const careers = holder.current.engagement.rules[0]?.when ?? [];
    expect(allConditionsHold(careers, { url: `${'a'.repeat(100_000)}!` })).toBe(false);
    expect(allConditionsHold(careers, { url: 'aaa' })).toBe(true);
  });

  it('should reload by itself when the file changes, and keep the running model when the change is invalid', async () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 20 });
    holder.onApplicationBootstrap();
    await settle(); // the watch's first look at the file, which later ones are compared with

    writeFileSync(file, variant('polled-2'));
    await eventually('the new version', () => holder?.current.version === 'polled-2');
    writeFileSync(file, variant('polled-3', CAREERS, '{ field: url, matches: "(\\\\w)\\\\1" }'));
    await eventually('the refusal logged', () => errorLines().length === 1);

    expect(holder.current.version).toBe('polled-2');
    expect(errorLines()[0]).toContain('model file refused, polled-2 stays in force: ');
    expect(errorLines()[0]).toContain('is a backreference');
  });

  // Jest gives each test file its own `process` object, which the OS's signals do not reach: emit is what the
  // signal does to the listeners of the real one.
  it('should reload on SIGHUP, with the file watch off, and keep the running model when the file is invalid', async () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 0 });
    holder.onApplicationBootstrap();

    writeFileSync(file, variant('hup-2'));
    process.emit('SIGHUP', 'SIGHUP');
    await eventually('the new version', () => holder?.current.version === 'hup-2');
    writeFileSync(file, variant('hup-3', 'version: hup-3', 'version: hup-3\nextra: true'));
    process.emit('SIGHUP', 'SIGHUP');
    await eventually('the refusal logged', () => errorLines().length === 1);

    expect(holder.current.version).toBe('hup-2');
    expect(errorLines()[0]).toContain('unknown key "extra"');
  });

  it('should stop reloading once shut down', async () => {
    holder = new ScoringModelHolder({ file, reloadIntervalMs: 20 });
    holder.onApplicationBootstrap();
    holder.onApplicationShutdown();

    writeFileSync(file, variant('after-shutdown-2'));
    expect(process.emit('SIGHUP', 'SIGHUP')).toBe(false); // no listener left
    await settle();

    expect(holder.current.version).toBe(VERSION);
  });
});
