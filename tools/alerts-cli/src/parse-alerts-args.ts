import { apiKeyOption, parseOptions, refuseArgs, serviceBaseUrl, type ArgsRefusal, type CliEnv } from '@baton/cli-kit';

export const DEFAULT_NOTIFIER_URL = 'http://localhost:3003';

export const API_KEY_VARIABLE = 'BATON_API_KEY';

export const USAGE = `usage: npm run alerts -- dead-letters [--url URL] [--api-key KEY]
       npm run alerts -- resend <alertId> --lead <leadId> [--url URL] [--api-key KEY]
       npm run alerts -- resend --all [--url URL] [--api-key KEY]
       npm run alerts -- log <leadId> [--url URL] [--api-key KEY]
dead-letters  lists the alerts the notifier gave up on (dead-lettered), oldest first  (scope alerts:read)
resend        sends one dead-lettered alert again (or, with --all, every one listed), with a fresh retry period
              (scope alerts:write; --all also alerts:read)
log           prints a lead's delivery log: each alert and its attempts  (scope alerts:read)
URL defaults to NOTIFIER_URL, else ${DEFAULT_NOTIFIER_URL}.
KEY (required) defaults to ${API_KEY_VARIABLE}: an API key with the scope the command needs
(create one with: npm run api-keys -- create --source SOURCE --scopes alerts:read,alerts:write).`;

/** What every command needs: the notifier's base URL and the API key sent as `Authorization: Bearer`. */
interface Connection {
  readonly url: string;
  readonly apiKey: string;
}

export type AlertsCommand =
  | ({ readonly command: 'dead-letters' } & Connection)
  | ({ readonly command: 'resend'; readonly alertId: string; readonly leadId: string } & Connection)
  | ({ readonly command: 'resend-all' } & Connection)
  | ({ readonly command: 'log'; readonly leadId: string } & Connection);

export type ParsedArgs = { readonly ok: true; readonly args: AlertsCommand } | ArgsRefusal;

const COMMANDS = ['dead-letters', 'resend', 'log'] as const;
type Command = (typeof COMMANDS)[number];

/**
 * `<command> [positional] [--url URL] [--api-key KEY] [--lead ID] [--all]`, options as `--name value` or
 * `--name=value`; the key is required (else BATON_API_KEY). Each command takes only its own options; the service
 * checks the ids themselves (and says what is wrong with one).
 */
export function parseAlertsArgs(argv: readonly string[], env: CliEnv = {}): ParsedArgs {
  const parsed = parseOptions(argv, { values: ['url', 'api-key', 'lead'], flags: ['all'], positionals: true });
  if (!parsed.ok) return parsed;
  const { values: given, positional } = parsed.options;
  const all = parsed.options.flags.all === true;

  const [command, ...rest] = positional;
  if (command === undefined) return refuseArgs('a command is required: dead-letters, resend or log');
  if (!isCommand(command)) return refuseArgs(`unknown command ${command}: use dead-letters, resend or log`);
  const url = serviceBaseUrl(given.url, env, 'NOTIFIER_URL', DEFAULT_NOTIFIER_URL, 'the notifier');
  if (!url.ok) return url;
  const key = apiKeyOption(given['api-key'], env, API_KEY_VARIABLE);
  if (!key.ok) return key;
  const connection: Connection = { url: url.url, apiKey: key.apiKey };

  switch (command) {
    case 'dead-letters':
      if (rest.length > 0) return refuseArgs(`dead-letters takes no argument (got ${rest.join(' ')})`);
      if (given.lead !== undefined || all) return refuseArgs('dead-letters takes only --url and --api-key');
      return { ok: true, args: { command: 'dead-letters', ...connection } };
    case 'log': {
      const [leadId, ...extra] = rest;
      if (leadId === undefined) return refuseArgs('log needs a lead id: log <leadId>');
      if (extra.length > 0) return refuseArgs(`log takes one lead id (got ${rest.join(' ')})`);
      if (given.lead !== undefined || all) return refuseArgs('log takes the lead id as its argument and only --url and --api-key: log <leadId>');
      return { ok: true, args: { command: 'log', ...connection, leadId } };
    }
    case 'resend': {
      if (all) {
        if (rest.length > 0 || given.lead !== undefined) return refuseArgs('resend --all takes no alert id and no --lead: it re-sends every dead letter listed');
        return { ok: true, args: { command: 'resend-all', ...connection } };
      }
      const [alertId, ...extra] = rest;
      if (alertId === undefined) return refuseArgs('resend needs an alert id and its lead (resend <alertId> --lead <leadId>), or --all');
      if (extra.length > 0) return refuseArgs(`resend takes one alert id (got ${rest.join(' ')})`);
      if (given.lead === undefined) return refuseArgs(`resend ${alertId} needs --lead <leadId>, the lead the alert is for (see dead-letters)`);
      return { ok: true, args: { command: 'resend', ...connection, alertId, leadId: given.lead } };
    }
  }
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}
