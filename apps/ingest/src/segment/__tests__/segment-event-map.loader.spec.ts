import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSegmentEventMap, parseSegmentEventMapFile, SegmentEventMapInvalidError } from '../segment-event-map.loader';

describe('Segment event map file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segment-event-map-'));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('should merge the file over the defaults', () => {
    const map = loadSegmentEventMap(write('good.yaml', 'events:\n  "Video Content Completed": webinar_attended\n  "Email Opened": email_read\n'));
    expect(map.resolve('Video Content Completed')).toEqual({ ok: true, type: 'webinar_attended' });
    expect(map.resolve('Email Opened')).toEqual({ ok: true, type: 'email_read' });
    expect(map.resolve('Email Link Clicked')).toEqual({ ok: true, type: 'email_clicked' });
  });

  it('should use the defaults without a file', () => {
    expect(loadSegmentEventMap(undefined).resolve('Email Link Clicked')).toEqual({ ok: true, type: 'email_clicked' });
    expect(loadSegmentEventMap(' ').resolve('Demo Requested')).toEqual({ ok: true, type: 'demo_requested' });
  });

  it('should refuse a bad file naming the file, each path with its line and the problem', () => {
    const file = write('bad.yaml', 'events:\n  "Demo Requested": Demo Requested\n  "Email opened": email_opened\n  "email_opened": email_opened\n  "__proto__": quote_requested\nextra: 1\n');
    let error: unknown;
    try {
      loadSegmentEventMap(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SegmentEventMapInvalidError);
    expect((error as Error).message).toBe(
      [
        `${file} is not a valid Segment event map (INGEST_SEGMENT_EVENT_MAP_FILE):`,
        '  - events["Demo Requested"] (line 2): must be a Baton event type: a lowercase letter, then lowercase letters, digits or _ (64 at most)',
        '  - events.email_opened (line 4): is the same name as "Email opened" (names are compared ignoring case and separators)',
        '  - extra (line 6): unknown key "extra": the file has one key, events',
      ].join('\n'),
    );
  });

  it('should keep a name like __proto__ as a name', () => {
    expect(Object.entries(parseSegmentEventMapFile('events:\n  __proto__: quote_requested\n', 'f.yaml'))).toEqual([['__proto__', 'quote_requested']]);
  });

  it('should refuse a file that cannot be read or parsed, or has no events mapping', () => {
    expect(() => loadSegmentEventMap(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml is not a valid Segment event map .*\n {2}- the file: cannot be read: ENOENT/);
    expect(() => parseSegmentEventMapFile('events: [a', 'f.yaml')).toThrow(/f\.yaml is not a valid Segment event map .*\n {2}- line 1: YAML syntax/);
    expect(() => parseSegmentEventMapFile('events: 3\n', 'f.yaml')).toThrow('events (line 1): must be a mapping of Segment event names to Baton event types');
    expect(() => parseSegmentEventMapFile('- a\n', 'f.yaml')).toThrow('the file: must be a mapping with one key, events');
  });
});
