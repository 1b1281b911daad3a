/**
 * One row of leads.csv, reduced to what a scoring system could have known before sales talked to the lead.
 * The columns the data set's README marks as written by sales or a vendor after contact (Tags, Lead Quality,
 * Lead Profile, Asymmetrique *) are not read at all, so they cannot leak the outcome into the inputs; the
 * outcome itself (Converted) is kept apart from the inputs.
 */
export interface XEducationLead {
  readonly prospectId: string;
  readonly inputs: LeadInputColumns;
  /** The outcome: became a paying customer. Never an input. */
  readonly converted: boolean;
}

export interface LeadInputColumns {
  readonly leadOrigin?: string;
  readonly leadSource?: string;
  readonly doNotEmail: boolean;
  readonly doNotCall: boolean;
  /** Undefined when not recorded. */
  readonly totalVisits?: number;
  readonly totalTimeSec: number;
  readonly pageViewsPerVisit?: number;
  readonly lastActivity?: string;
  readonly country?: string;
  readonly specialization?: string;
  readonly occupation?: string;
  readonly freeCopy: boolean;
}

/** The columns read as inputs; every other column of the file is ignored. */
export const INPUT_COLUMNS = [
  'Lead Origin',
  'Lead Source',
  'Do Not Email',
  'Do Not Call',
  'TotalVisits',
  'Total Time Spent on Website',
  'Page Views Per Visit',
  'Last Activity',
  'Country',
  'Specialization',
  'What is your current occupation',
  'A free copy of Mastering The Interview',
] as const;

/** Written after contact (the data set's README): they leak the outcome, so they are never read. */
export const LEAKING_COLUMNS = [
  'Tags',
  'Lead Quality',
  'Lead Profile',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
] as const;

export function toXEducationLead(record: Readonly<Record<string, string>>): XEducationLead {
  const column = (name: (typeof INPUT_COLUMNS)[number]): string | undefined => answered(record[name]);
  const prospectId = record['Prospect ID'] ?? '';
  if (prospectId === '') throw new Error('a row without a Prospect ID');
  return {
    prospectId,
    converted: record['Converted'] === '1',
    inputs: {
      leadOrigin: column('Lead Origin'),
      leadSource: column('Lead Source'),
      doNotEmail: column('Do Not Email') === 'Yes',
      doNotCall: column('Do Not Call') === 'Yes',
      totalVisits: numberOf(column('TotalVisits')),
      totalTimeSec: numberOf(column('Total Time Spent on Website')) ?? 0,
      pageViewsPerVisit: numberOf(column('Page Views Per Visit')),
      lastActivity: column('Last Activity'),
      country: column('Country')?.toLowerCase() === 'unknown' ? undefined : column('Country'),
      specialization: column('Specialization'),
      occupation: column('What is your current occupation'),
      freeCopy: column('A free copy of Mastering The Interview') === 'Yes',
    },
  };
}

/**
 * The form's placeholder 'Select' (and 'Select Specialization' etc.) means the question was shown and not
 * answered; an empty cell, that it was not asked. Both are "unknown" here: no trait is made up for them.
 */
export function answered(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' || /^select\b/i.test(trimmed) ? undefined : trimmed;
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
