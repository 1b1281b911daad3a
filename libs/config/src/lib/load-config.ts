import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

export class ConfigInvalidError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(`${service}: the configuration is invalid, fix these environment variables:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigInvalidError';
  }
}

type Schema<T> = new () => T;

/**
 * Reads a service's configuration from the environment and validates it against its schema class.
 * Defaults are the schema's field initialisers; values are never echoed back, since some are secrets.
 */
export function loadConfig<T extends object>(schema: Schema<T>, env: NodeJS.ProcessEnv, service: string): T {
  const names = new Set(envVariableNames(schema));
  const given = Object.fromEntries(Object.entries(env).filter(([name, value]) => names.has(name) && value !== ''));
  const config = plainToInstance(schema, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigInvalidError(service, errors.map(describe));
  return Object.freeze(config);
}

/** The environment variables a schema reads, in declaration order. */
export function envVariableNames(schema: Schema<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

function describe(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {});
  return messages.length > 0 ? messages.join('; ') : `${error.property} is invalid`;
}
