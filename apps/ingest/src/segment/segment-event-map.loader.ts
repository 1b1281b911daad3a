import { readFileSync } from 'node:fs';
import { ENGAGEMENT_EVENT_TYPE_PATTERN } from '@baton/contracts';
import { formatProblem, isRecord, parseYaml, toProblems, type Finding, type Problem } from '@baton/yaml-validation';
import { SegmentEventNameMap, toSnakeCase } from './segment-event-name.map';

/** A Segment event map file that cannot be used: every problem, so that one round of fixes is enough. */
export class SegmentEventMapInvalidError extends Error {
  readonly code = 'INGEST.SEGMENT_EVENT_MAP_INVALID';

  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${source} is not a valid Segment event map (INGEST_SEGMENT_EVENT_MAP_FILE):\n  - ${problems.map(formatProblem).join('\n  - ')}`);
    this.name = 'SegmentEventMapInvalidError';
  }
}

/**
 * The event map in force, read once at start: the defaults, with the file's `events:` merged over them when a
 * file is named. Throws SegmentEventMapInvalidError (the service must not start with a map it cannot read).
 */
export function loadSegmentEventMap(file: string | undefined): SegmentEventNameMap {
  if (file === undefined || file.trim() === '') return new SegmentEventNameMap();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    // Node's fs errors may come from another realm (jest), where instanceof Error fails: read the message itself.
    const message: unknown = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
    const reason = typeof message === 'string' ? message : String(error);
    throw new SegmentEventMapInvalidError(file, [{ path: '', message: `cannot be read: ${reason}` }]);
  }
  return new SegmentEventNameMap(parseSegmentEventMapFile(text, file));
}

/**
 * `events: { "Segment Event Name": baton_type }`. Pure: the caller reads the file; `source` names it in errors.
 * Two names that differ only in case or separators are refused: they would be the same name at run time.
 */
export function parseSegmentEventMapFile(text: string, source: string): Readonly<Record<string, string>> {
  const parsed = parseYaml(text);
  if (parsed.problems.length > 0) throw new SegmentEventMapInvalidError(source, parsed.problems);
  const findings: Finding[] = [];
  const data = parsed.data;
  if (!isRecord(data)) throw new SegmentEventMapInvalidError(source, [{ path: '', message: 'must be a mapping with one key, events' }]);
  for (const key of Object.keys(data)) {
    if (key !== 'events') findings.push({ path: [key], message: `unknown key "${key}": the file has one key, events` });
  }
  const events = data['events'];
  // Entries, not assignments: a name like __proto__ must stay a name.
  const entries: [string, string][] = [];
  if (!isRecord(events)) {
    findings.push({ path: ['events'], message: 'must be a mapping of Segment event names to Baton event types, e.g. "Demo Requested": demo_requested' });
  } else {
    const seen = new Map<string, string>();
    for (const [name, type] of Object.entries(events)) {
      const normalised = toSnakeCase(name);
      const earlier = seen.get(normalised);
      if (normalised === '') findings.push({ path: ['events', name], message: 'must be an event name with at least one letter or digit' });
      else if (earlier !== undefined) findings.push({ path: ['events', name], message: `is the same name as "${earlier}" (names are compared ignoring case and separators)` });
      seen.set(normalised, name);
      if (typeof type !== 'string' || !ENGAGEMENT_EVENT_TYPE_PATTERN.test(type)) {
        findings.push({ path: ['events', name], message: 'must be a Baton event type: a lowercase letter, then lowercase letters, digits or _ (64 at most)' });
        continue;
      }
      entries.push([name, type]);
    }
  }
  if (findings.length > 0) throw new SegmentEventMapInvalidError(source, toProblems(findings, parsed.locator));
  return Object.fromEntries(entries);
}
