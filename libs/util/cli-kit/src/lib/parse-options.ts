/** The environment a command reads its defaults from (`process.env`, or a plain object in tests). */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/** Arguments not taken: `help` for `--help`/`-h` (print the usage), else the problem to print with it. */
export type ArgsRefusal = { readonly ok: false; readonly help: boolean; readonly problem?: string };

export interface OptionsSpec<V extends string, F extends string> {
  /** Options that take a value: `--name value` or `--name=value`. */
  readonly values: readonly V[];
  /** Options that take none: `--name`. */
  readonly flags?: readonly F[];
  /** Whether words that are no option are kept, in order, as positional arguments; else they are refused. */
  readonly positionals?: boolean;
}

export interface ParsedOptions<V extends string, F extends string> {
  readonly values: Readonly<Partial<Record<V, string>>>;
  readonly flags: Readonly<Partial<Record<F, true>>>;
  readonly positional: readonly string[];
}

/**
 * Options as `--name value` or `--name=value`, anywhere among the positional arguments (when taken). Refused: an
 * unknown option (or word), an option given twice, a value missing or blank (or one that looks like the next
 * option), a value given to a flag. `--help` or `-h` asks for the usage, whatever else there is after it.
 */
export function parseOptions<V extends string, F extends string = never>(argv: readonly string[], spec: OptionsSpec<V, F>): { readonly ok: true; readonly options: ParsedOptions<V, F> } | ArgsRefusal {
  const values: Partial<Record<V, string>> = {};
  const flags: Partial<Record<F, true>> = {};
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true };
    if (spec.positionals === true && !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (match === null || name === undefined) return refuseArgs(`unknown argument ${arg}`);
    if (isOneOf(name, spec.flags ?? [])) {
      if (match[2] !== undefined) return refuseArgs(`--${name} takes no value`);
      if (flags[name] !== undefined) return refuseArgs(`--${name} given twice`);
      flags[name] = true;
      continue;
    }
    if (!isOneOf(name, spec.values)) return refuseArgs(`unknown argument ${arg}`);
    if (values[name] !== undefined) return refuseArgs(`--${name} given twice`);
    const value = match[2] ?? argv[++index];
    if (value === undefined || value.trim() === '' || (match[2] === undefined && value.startsWith('--'))) return refuseArgs(`--${name} needs a value`);
    values[name] = value;
  }
  return { ok: true, options: { values, flags, positional } };
}

export function refuseArgs(problem: string): ArgsRefusal {
  return { ok: false, help: false, problem };
}

/**
 * A service's base URL: the `--url` given, else the environment variable (when not empty), else the default;
 * refused unless http(s); without its trailing slashes. `service` names it in the problem: "the notifier".
 */
export function serviceBaseUrl(given: string | undefined, env: CliEnv, variable: string, fallback: string, service: string): { readonly ok: true; readonly url: string } | ArgsRefusal {
  const url = given ?? (env[variable] || fallback);
  if (!isHttpUrl(url)) return refuseArgs(`${service} URL must be an http(s) URL (got ${url})`);
  return { ok: true, url: url.replace(/\/+$/, '') };
}

/**
 * The API key a command sends: the `--api-key` given, else the environment variable (when not empty); required.
 * Refused when neither is set, naming both, or when it could not go in a header (blank, spaces, control characters).
 */
export function apiKeyOption(given: string | undefined, env: CliEnv, variable: string): { readonly ok: true; readonly apiKey: string } | ArgsRefusal {
  const apiKey = (given ?? (env[variable] || '')).trim();
  if (apiKey === '') return refuseArgs(`an API key is required: pass --api-key KEY or set ${variable}`);
  if (!/^[\x21-\x7e]+$/.test(apiKey)) return refuseArgs(`the API key (from ${given === undefined ? variable : '--api-key'}) must be printable ASCII without spaces`);
  return { ok: true, apiKey };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isOneOf<T extends string>(name: string, names: readonly T[]): name is T {
  return (names as readonly string[]).includes(name);
}
