import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, Matches, Max, Min } from 'class-validator';

// Small decorators so that every schema says the same thing the same way, and every message names the variable.

export function Required(): PropertyDecorator {
  return IsNotEmpty({ message: '$property is required' });
}

export function Optional(): PropertyDecorator {
  return IsOptional();
}

export function IntegerBetween(min: number, max: number): PropertyDecorator {
  return (target, key) => {
    Type(() => Number)(target, key);
    IsInt({ message: `$property must be a whole number between ${min} and ${max}` })(target, key);
    Min(min, { message: `$property must be at least ${min}` })(target, key);
    Max(max, { message: `$property must be at most ${max}` })(target, key);
  };
}

export function OneOf(values: readonly string[]): PropertyDecorator {
  return IsIn([...values], { message: `$property must be one of: ${values.join(', ')}` });
}

export function HostPortList(): PropertyDecorator {
  return Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, {
    message: '$property must be a comma-separated list of host:port, e.g. 127.0.0.1:9092',
  });
}

export function RedisUrl(): PropertyDecorator {
  return Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// or rediss:// URL' });
}

export function KafkaName(): PropertyDecorator {
  return Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: '$property may hold only letters, digits, ".", "_" and "-"' });
}

export function NonEmptyPath(): PropertyDecorator {
  return Matches(/^\S(.*\S)?$/, { message: '$property must be a file path' });
}
