export const DEFAULT_NOTIFIER_URL = 'http://localhost:3003';

export const USAGE = `usage: npm run alerts -- dead-letters [--url URL]
       npm run alerts -- resend <alertId> --lead <leadId> [--url URL]
       npm run alerts -- resend --all [--url URL]
       npm run alerts -- log <leadId> [--url URL]
dead-letters  lists the alerts the notifier gave up on (dead-lettered), oldest first
resend        sends one dead-lettered alert again (or, with --all, every one listed), with a fresh retry period
log           prints a lead's delivery log: each alert and its attempts
URL defaults to NOTIFIER_URL, else ${DEFAULT_NOTIFIER_URL}.`;

export type AlertsCommand =
  | { readonly command: 'dead-letters'; readonly url: string }
  | { readonly command: 'resend'; readonly url: string; readonly alertId: string; readonly leadId: string }
  | { readonly command: 'resend-all'; readonly url: string }
  | { readonly command: 'log'; readonly url: string; readonly leadId: string };

export type ParsedArgs = { readonly ok: true; readonly args: AlertsCommand } | { readonly ok: false; readonly help: boolean; readonly problem?: string };

const COMMANDS = ['dead-letters', 'resend', 'log'] as const;
type Command = (typeof COMMANDS)[number];
const VALUE_OPTIONS = ['url', 'lead'] as const;
const FLAG_OPTIONS = ['all'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * `<command> [positional] [--url URL] [--lead ID] [--all]`, options as `--name value` or `--name=value`. Each command
 * takes only its own options; the service checks the ids themselves (and says what is wrong with one).
 */
export function parseAlertsArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedArgs {
  const positional: string[] = [];
  const given: Partial<Record<ValueOption, string>> = {};
  let all = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true };
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (match === null || name === undefined) return refuse(`unknown argument ${arg}`);
    if (isFlag(name)) {
      if (match[2] !== undefined) return refuse(`--${name} takes no value`);
      if (all) return refuse(`--${name} given twice`);
      all = true;
      continue;
    }
    if (!isValueOption(name)) return refuse(`unknown argument ${arg}`);
    if (given[name] !== undefined) return refuse(`--${name} given twice`);
    const value = match[2] ?? argv[++index];
    if (value === undefined || value.trim() === '' || (match[2] === undefined && value.startsWith('--'))) return refuse(`--${name} needs a value`);
    given[name] = value;
  }

  const [command, ...rest] = positional;
  if (command === undefined) return refuse('a command is required: dead-letters, resend or log');
  if (!isCommand(command)) return refuse(`unknown command ${command}: use dead-letters, resend or log`);
  const url = given.url ?? (env['NOTIFIER_URL'] || DEFAULT_NOTIFIER_URL);
  if (!isHttpUrl(url)) return refuse(`the notifier URL must be an http(s) URL (got ${url})`);
  const base = url.replace(/\/+$/, '');

  switch (command) {
    case 'dead-letters':
      if (rest.length > 0) return refuse(`dead-letters takes no argument (got ${rest.join(' ')})`);
      if (given.lead !== undefined || all) return refuse(`dead-letters takes only --url`);
      return { ok: true, args: { command: 'dead-letters', url: base } };
    case 'log': {
      const [leadId, ...extra] = rest;
      if (leadId === undefined) return refuse('log needs a lead id: log <leadId>');
      if (extra.length > 0) return refuse(`log takes one lead id (got ${rest.join(' ')})`);
      if (given.lead !== undefined || all) return refuse('log takes the lead id as its argument and only --url: log <leadId>');
      return { ok: true, args: { command: 'log', url: base, leadId } };
    }
    case 'resend': {
      if (all) {
        if (rest.length > 0 || given.lead !== undefined) return refuse('resend --all takes no alert id and no --lead: it re-sends every dead letter listed');
        return { ok: true, args: { command: 'resend-all', url: base } };
      }
      const [alertId, ...extra] = rest;
      if (alertId === undefined) return refuse('resend needs an alert id and its lead (resend <alertId> --lead <leadId>), or --all');
      if (extra.length > 0) return refuse(`resend takes one alert id (got ${rest.join(' ')})`);
      if (given.lead === undefined) return refuse(`resend ${alertId} needs --lead <leadId>, the lead the alert is for (see dead-letters)`);
      return { ok: true, args: { command: 'resend', url: base, alertId, leadId: given.lead } };
    }
  }
}

function refuse(problem: string): ParsedArgs {
  return { ok: false, help: false, problem };
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}

function isFlag(name: string): boolean {
  return (FLAG_OPTIONS as readonly string[]).includes(name);
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
