import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDefined, IsEmail, IsNumber, IsObject, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Id, NonNegativeInt, Timestamp } from '../validation/contract-decorators';

// Every trait is optional and may be null: absent keeps the stored value, null clears it (see mergeProfile).

function Text(maxLength = 200): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString({ message: 'must be a string' })(target, key);
    MinLength(1, { message: 'must not be empty (send null to clear it)' })(target, key);
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters` })(target, key);
  };
}

function Known(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsBoolean({ message: 'must be true (known and satisfied), false (known, not satisfied) or null (unknown)' })(target, key);
  };
}

export class CompanyTraitsV1 {
  @Text() name?: string | null;
  /** e.g. example.com */
  @Text(253) domain?: string | null;
  @Text() industry?: string | null;

  @IsOptional()
  @NonNegativeInt()
  employees?: number | null;

  /** In the company's reporting currency, as a plain number. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  annualRevenue?: number | null;

  @Text(100) country?: string | null;
}

/** BANT: each criterion true when known and satisfied, false when known and not, null or absent when unknown. */
export class BantTraitsV1 {
  @Known() budget?: boolean | null;
  @Known() authority?: boolean | null;
  @Known() need?: boolean | null;
  @Known() timeline?: boolean | null;
}

export class ProfileTraitsV1 {
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254, { message: 'must be at most 254 characters' })
  email?: string | null;

  @Text() name?: string | null;
  @Text() jobTitle?: string | null;
  /** e.g. c_level, vp, director, manager, individual_contributor, student. */
  @Text(100) seniority?: string | null;
  /** e.g. engineering, marketing, sales, finance. */
  @Text(100) role?: string | null;

  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  @ValidateNested()
  @Type(() => CompanyTraitsV1)
  company?: CompanyTraitsV1 | null;

  /** Replaced as a whole by an update: send the full list. */
  @IsOptional()
  @IsString({ each: true, message: 'must be a list of strings' })
  @MaxLength(100, { each: true, message: 'each must be at most 100 characters' })
  @ArrayMaxSize(200, { message: 'must hold at most 200 technologies' })
  technologies?: string[] | null;

  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  @ValidateNested()
  @Type(() => BantTraitsV1)
  bant?: BantTraitsV1 | null;
}

/**
 * Who a lead is, as a partial update merged into what is known (merge rules: docs/http-api.md, "HTTP API").
 * Produced by ingest, keyed by leadId; `updateId` makes a resent update count once.
 */
export class LeadProfileUpdatedV1 {
  @Id()
  updateId!: string;

  @Id()
  leadId!: string;

  /** When the source system saw these traits. */
  @Timestamp()
  updatedAt!: string;

  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be a JSON object' })
  @ValidateNested()
  @Type(() => ProfileTraitsV1)
  traits!: ProfileTraitsV1;
}
