import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from './baton-system';

/** The default model's lead stories: libs/domain/scoring/models/b2b-default.stories.yaml. */
export const DEFAULT_MODEL_STORIES_FILE = join(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.stories.yaml');

type Step = string | { readonly type: string; readonly properties?: Record<string, string>; readonly daysAgo?: number };

interface StoriesFile {
  readonly people: Readonly<Record<string, Record<string, unknown>>>;
  readonly stories: readonly { readonly story: string; readonly who: string; readonly did: readonly Step[]; readonly reaches: readonly string[]; readonly alerts: readonly string[] }[];
}

/** One story: who the lead is, what it did, and where the definitions say it must end. */
export interface LeadStory {
  readonly story: string;
  readonly who: Record<string, unknown>;
  readonly did: readonly { readonly type: string; readonly properties?: Record<string, string>; readonly daysAgo: number }[];
  /** Every stage it moves to, in order: the last is where it ends. */
  readonly reaches: readonly string[];
  /** The stages it is alerted for (MQL, SQL), in order. */
  readonly alerts: readonly string[];
}

export function readLeadStories(file = DEFAULT_MODEL_STORIES_FILE): LeadStory[] {
  const { people, stories } = parse(readFileSync(file, 'utf8')) as StoriesFile;
  return stories.map((story) => {
    const who = people[story.who];
    if (who === undefined) throw new Error(`${file}: story "${story.story}" names ${story.who}, who is not among the people`);
    const did = story.did.map((step) => (typeof step === 'string' ? { type: step, daysAgo: 0 } : { ...step, daysAgo: step.daysAgo ?? 0 }));
    return { ...story, who, did };
  });
}

/** What ingest is sent for a story: the profile first, then each step an hour after the last, `daysAgo` days before `now`. */
export function storyInputs(
  story: LeadStory,
  leadId: string,
  now: number,
): {
  profile: { updateId: string; updatedAt: string; traits: Record<string, unknown> };
  events: { eventId: string; leadId: string; type: string; occurredAt: string; properties?: Record<string, string> }[];
} {
  const start = now - story.did.length * 3_600_000;
  return {
    profile: { updateId: `${leadId}-p`, updatedAt: new Date(start).toISOString(), traits: story.who },
    events: story.did.map((step, index) => ({
      eventId: `${leadId}-e${index}`,
      leadId,
      type: step.type,
      occurredAt: new Date(start + index * 3_600_000 + 60_000 - step.daysAgo * 86_400_000).toISOString(),
      ...(step.properties === undefined ? {} : { properties: step.properties }),
    })),
  };
}
