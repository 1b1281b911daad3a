import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WatchedFile, type WatchedFileOptions } from '../watched-file';

/** A file holding a number; odd numbers are refused by `vet`, anything else by `parse`. */
describe('WatchedFile', () => {
  let dir: string;
  let path: string;
  let file: WatchedFile<number> | undefined;
  const events: string[] = [];

  const open = (overrides: Partial<WatchedFileOptions<number>> = {}): WatchedFile<number> => {
    file = new WatchedFile<number>({
      path,
      reloadIntervalMs: 0,
      read: (at) => readFileSync(at, 'utf8'),
      parse: (text) => {
        if (!/^\d+$/.test(text)) throw new Error(`not a number: ${JSON.stringify(text)}`);
        return Number(text);
      },
      vet: (next) => (next % 2 === 1 ? `${next} is odd` : undefined),
      onLoaded: (next, previous) => events.push(`loaded ${next} over ${previous}`),
      onRefused: (reason, running) => events.push(`refused (${reason}), ${running} stays`),
      ...overrides,
    });
    return file;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-watched-'));
    path = join(dir, 'value.txt');
    writeFileSync(path, '2');
    events.length = 0;
  });

  afterEach(() => {
    file?.unwatch();
    file = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('should throw when constructed on a file it cannot parse, so that a service does not start on it', () => {
    writeFileSync(path, 'two');
    expect(() => open()).toThrow('not a number: "two"');
  });

  it('should replace the value with a valid new one and keep it through content it refuses', () => {
    const watched = open();

    writeFileSync(path, '4');
    expect(watched.reload()).toBe('loaded');
    writeFileSync(path, 'four');
    expect(watched.reload()).toBe('refused');
    writeFileSync(path, '5');
    expect(watched.reload()).toBe('refused');
    writeFileSync(path, '4');
    expect(watched.reload()).toBe('unchanged');

    expect(watched.current).toBe(4);
    expect(events).toEqual(['loaded 4 over 2', 'refused (not a number: "four"), 4 stays', 'refused (5 is odd), 4 stays']);
  });

  it('should report a file that cannot be read and keep the value', () => {
    let reads = 0;
    const watched = open({
      read: () => {
        reads += 1;
        if (reads > 1) throw new Error('gone');
        return '2';
      },
    });

    expect(watched.reload()).toBe('refused');
    expect(watched.current).toBe(2);
    expect(events).toEqual(['refused (gone), 2 stays']);
  });

  it('should listen to SIGHUP once however often it is told to watch, and not at all once unwatched', () => {
    const before = process.listenerCount('SIGHUP');
    const watched = open();

    watched.watch();
    watched.watch();
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    writeFileSync(path, '6');
    process.emit('SIGHUP', 'SIGHUP');
    expect(watched.current).toBe(6);

    watched.unwatch();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
