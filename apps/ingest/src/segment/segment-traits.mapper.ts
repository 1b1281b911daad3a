import type { ContractViolation } from '@baton/contracts';
import { isRecord } from '@baton/yaml-validation';

/** Segment traits as Baton profile traits (a ProfileTraitsV1 candidate, validated by the caller). */
export interface MappedTraits {
  readonly traits: Readonly<Record<string, unknown>>;
  /** Traits Baton has no place for, by the name the sender used (`plan`, `company.plan`). */
  readonly ignored: readonly string[];
  /** Baton path -> the Segment path it came from, so that a violation names the field the sender wrote. */
  readonly origins: ReadonlyMap<string, string>;
  /** What the contract cannot see once mapped (a website that is no host name). */
  readonly violations: readonly ContractViolation[];
}

type Fields = Readonly<Record<string, unknown>>;

// Segment accepts reserved traits in camelCase or snake_case (identify spec, "Traits").
const FIRST_NAME = ['firstName', 'first_name'];
const LAST_NAME = ['lastName', 'last_name'];
const EMPLOYEES = ['employees', 'employee_count', 'employeeCount'];
const ANNUAL_REVENUE = ['annualRevenue', 'annual_revenue'];
/** Baton's own traits, sent as they are by users who know them; the contract checks their values. */
const BATON_PERSON_TRAITS = ['seniority', 'role', 'technologies', 'bant'];

/**
 * identify traits (https://segment.com/docs/connections/spec/identify/#traits): email, name (or first and last
 * name), title -> jobTitle, company (an object, or a string naming it), website -> company.domain, and Baton's
 * seniority, role, technologies, bant. null passes through: it clears the stored trait, as in Segment.
 */
export function mapIdentifyTraits(sent: Fields): MappedTraits {
  const traits: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const used = new Set<string>();
  const take = (segmentName: string, batonName: string): void => {
    if (!has(sent, segmentName)) return;
    traits[batonName] = sent[segmentName];
    origins.set(`traits.${batonName}`, `traits.${segmentName}`);
    used.add(segmentName);
  };

  take('email', 'email');
  take('name', 'name');
  const first = FIRST_NAME.find((key) => has(sent, key));
  const last = LAST_NAME.find((key) => has(sent, key));
  for (const key of [first, last]) if (key !== undefined) used.add(key);
  if (!has(sent, 'name') && (first !== undefined || last !== undefined)) {
    const parts = [first, last].map((key) => (key === undefined ? undefined : sent[key]));
    // Only strings are joined; anything else goes to the contract as it is, to be refused with its own path.
    const name = parts.every((part) => part === undefined || part === null || typeof part === 'string')
      ? parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ') || null
      : parts.find((part) => typeof part !== 'string');
    traits['name'] = name;
    origins.set('traits.name', `traits.${first ?? last ?? 'firstName'}`);
  }
  take('title', 'jobTitle');
  for (const name of BATON_PERSON_TRAITS) take(name, name);

  const ignored: string[] = [];
  const violations: ContractViolation[] = [];
  if (has(sent, 'company')) {
    used.add('company');
    const company = sent['company'];
    if (typeof company === 'string' || company === null) {
      traits['company'] = company === null ? null : { name: company };
      origins.set('traits.company.name', 'traits.company');
      origins.set('traits.company', 'traits.company');
    } else if (isRecord(company)) {
      const mapped = mapCompany(company, 'traits.company', 'company.', false);
      traits['company'] = mapped.company;
      mapped.origins.forEach((from, to) => origins.set(`traits.company${to}`, from));
      ignored.push(...mapped.ignored);
      violations.push(...mapped.violations);
    } else {
      traits['company'] = company;
      origins.set('traits.company', 'traits.company');
    }
  }
  if (has(sent, 'website')) {
    used.add('website');
    const current = traits['company'];
    const company = isRecord(current) ? current : {};
    if (current !== null && !has(company, 'domain')) {
      const domain = domainOf(sent['website']);
      if (domain === undefined) violations.push({ path: 'traits.website', message: WEBSITE_MESSAGE });
      else traits['company'] = { ...company, domain };
      origins.set('traits.company.domain', 'traits.website');
    }
  }
  ignored.unshift(...Object.keys(sent).filter((key) => !used.has(key)));
  return { traits, ignored, origins, violations };
}

/**
 * group traits (https://segment.com/docs/connections/spec/group/#traits) are the lead's company: name,
 * industry, employees, website -> domain, address.country -> country, plus annualRevenue when sent.
 */
export function mapGroupTraits(sent: Fields): MappedTraits {
  const mapped = mapCompany(sent, 'traits', '', true);
  const origins = new Map<string, string>();
  mapped.origins.forEach((from, to) => origins.set(`traits.company${to}`, from));
  origins.set('traits.company', 'traits');
  return { traits: { company: mapped.company }, ignored: mapped.ignored, origins, violations: mapped.violations };
}

interface MappedCompany {
  readonly company: Record<string, unknown>;
  readonly ignored: string[];
  /** `.employees` -> `traits.company.employee_count` */
  readonly origins: Map<string, string>;
  readonly violations: ContractViolation[];
}

function mapCompany(sent: Fields, path: string, ignoredPrefix: string, addressIsTheCompanys: boolean): MappedCompany {
  const company: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  const used = new Set<string>();
  const violations: ContractViolation[] = [];
  const take = (names: readonly string[], batonName: string, convert: (value: unknown) => unknown = (value) => value): void => {
    const name = names.find((candidate) => has(sent, candidate));
    if (name === undefined) return;
    for (const candidate of names) if (has(sent, candidate)) used.add(candidate);
    company[batonName] = convert(sent[name]);
    origins.set(`.${batonName}`, `${path}.${name}`);
  };
  take(['name'], 'name');
  take(['industry'], 'industry');
  // The group spec types employees as a String: "329" is a count like 329.
  const number = (names: readonly string[], batonName: string, kind: string): void => {
    const sentName = names.find((name) => has(sent, name)) ?? batonName;
    take(names, batonName, (value) => {
      const converted = numberFromText(value);
      if (converted !== null && typeof converted !== 'number') violations.push({ path: `${path}.${sentName}`, message: `must be ${kind} (a number, or a string of digits)` });
      return converted;
    });
  };
  number(EMPLOYEES, 'employees', 'a whole number');
  number(ANNUAL_REVENUE, 'annualRevenue', 'a number');
  const website = ['domain', 'website'].find((name) => has(sent, name));
  take(['domain', 'website'], 'domain', (value) => {
    const domain = domainOf(value);
    if (domain === undefined) violations.push({ path: `${path}.${website ?? 'website'}`, message: WEBSITE_MESSAGE });
    return domain;
  });
  take(['country'], 'country');
  if (addressIsTheCompanys && !has(company, 'country') && isRecord(sent['address']) && has(sent['address'], 'country')) {
    company['country'] = sent['address']['country'];
    origins.set('.country', `${path}.address.country`);
    used.add('address');
  }
  const ignored = Object.keys(sent)
    .filter((key) => !used.has(key))
    .map((key) => `${ignoredPrefix}${key}`);
  return { company, ignored, origins, violations };
}

function has(fields: Fields, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined;
}

function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

const WEBSITE_MESSAGE = 'must be a website URL or host name, e.g. https://www.example.com (or null to clear it)';

/**
 * The host name of a website ("https://www.initech.com/about" -> initech.com), which is what company.domain
 * holds; null stays null (it clears the domain); undefined when it is neither.
 */
export function domainOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return undefined;
  }
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host.replace(/^www\./, '') : undefined;
}
