/** A step into the data: a key of a mapping or an index in a list. */
export type PathSegment = string | number;

/** A problem found on the data, before lines are known: the checks work on data, the parser places them in the file. */
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** `engagement.rules[3].when[0].matches`, `channels["crm-webhook"].secretEnv[0]`: what a reader of the YAML file recognises. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path in parsed data, or undefined when the path does not exist. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) value = value[segment];
    else return undefined;
  }
  return value;
}
