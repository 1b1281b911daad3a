import { conditionFindings } from '@baton/condition-file';
import { INTENT_CLASSES, intentRuleId } from '@baton/scoring-domain';
import { isRecord, valueAt, type Finding, type PathSegment } from '@baton/yaml-validation';

/** Names a place in the file for a message about another one: `engagement.rules[0].id (line 12)`. */
export type Place = (path: readonly PathSegment[]) => string;

/**
 * What the JSON Schema cannot check. Works on the raw data whether or not the schema accepted it (skipping
 * what is malformed, which the schema reports), so that one run lists every problem.
 */
export function semanticFindings(data: unknown, place: Place): Finding[] {
  const engagementRules = rulesAt(data, ['engagement', 'rules']);
  const fitRules = rulesAt(data, ['fit', 'rules']);
  const disqualifyRules = rulesAt(data, ['stages', 'disqualify']);
  const allRules = [...engagementRules, ...fitRules, ...disqualifyRules];
  return [
    ...duplicateIds(allRules, place),
    ...allRules.flatMap(ruleConditionFindings),
    ...gradeOrder(data),
    ...hiddenRules(engagementRules, place),
    ...keywordFindings(data),
    ...contactFindings(data),
    ...activityFindings(data, engagementRules, fitRules),
    ...sqlScoreFindings(data, place),
    ...fitGateFindings(data),
  ];
}

interface RawRule {
  readonly path: readonly PathSegment[];
  readonly rule: Readonly<Record<string, unknown>>;
}

function rulesAt(data: unknown, listPath: readonly PathSegment[]): RawRule[] {
  const rules = valueAt(data, listPath);
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, index) => (isRecord(rule) ? [{ path: [...listPath, index], rule }] : []));
}

/** Scores, stage changes and stored state refer to rules by id, across engagement, fit and disqualify rules alike. */
function duplicateIds(rules: readonly RawRule[], place: Place): Finding[] {
  const first = new Map<string, readonly PathSegment[]>();
  const findings: Finding[] = [];
  for (const { path, rule } of rules) {
    const id = rule['id'];
    if (typeof id !== 'string') continue;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, [...path, 'id']);
    else findings.push({ path: [...path, 'id'], message: `duplicate rule id "${id}": already used by ${place(earlier)}` });
  }
  return findings;
}

/** The checks every condition gets, in the model as in the routing file. */
function ruleConditionFindings({ path, rule }: RawRule): Finding[] {
  const when = rule['when'];
  if (!Array.isArray(when)) return [];
  return when.flatMap((condition: unknown, index): Finding[] => (isRecord(condition) ? conditionFindings(condition, [...path, 'when', index]) : []));
}

function gradeOrder(data: unknown): Finding[] {
  const fit = isRecord(data) ? data['fit'] : undefined;
  const grades = isRecord(fit) ? fit['grades'] : undefined;
  if (!isRecord(grades)) return [];
  const { A, B, C } = grades;
  const findings: Finding[] = [];
  if (typeof A === 'number' && typeof B === 'number' && B >= A) {
    findings.push({ path: ['fit', 'grades', 'B'], message: `must be lower than A (${A}): grades go A > B > C` });
  }
  if (typeof B === 'number' && typeof C === 'number' && C >= B) {
    findings.push({ path: ['fit', 'grades', 'C'], message: `must be lower than B (${B}): grades go A > B > C` });
  }
  return findings;
}

/**
 * First match wins, so a rule below an unconditional rule for all of its event types can never fire: almost
 * always a rule added at the bottom that was meant to be more specific.
 */
function hiddenRules(rules: readonly RawRule[], place: Place): Finding[] {
  const findings: Finding[] = [];
  rules.forEach(({ path, rule }, index) => {
    const types = eventTypes(rule);
    if (types.length === 0) return;
    const hider = rules.slice(0, index).find((earlier) => {
      const when = earlier.rule['when'];
      const unconditional = when === undefined || (Array.isArray(when) && when.length === 0);
      return unconditional && types.every((type) => eventTypes(earlier.rule).includes(type));
    });
    if (hider === undefined) return;
    findings.push({
      path,
      message:
        `can never fire: rule ${JSON.stringify(hider.rule['id'])} at ${place(hider.path)} has no conditions and takes every ` +
        `${types.join('/')} event first ` +
        '(the first matching rule wins); move this rule above it',
    });
  });
  return findings;
}

function eventTypes(rule: Readonly<Record<string, unknown>>): string[] {
  const { event, events } = rule;
  if (typeof event === 'string') return [event];
  return Array.isArray(events) ? events.filter((type): type is string => typeof type === 'string') : [];
}

/** Searches are compared word by word, punctuation dropped: a keyword of punctuation alone never matches. */
function keywordFindings(data: unknown): Finding[] {
  return INTENT_CLASSES.flatMap((intentClass) => {
    const path = ['engagement', 'intent', intentClass, 'keywords'];
    const keywords = valueAt(data, path);
    if (!Array.isArray(keywords)) return [];
    return keywords.flatMap((keyword: unknown, index): Finding[] =>
      typeof keyword === 'string' && /\S/.test(keyword) && !/[\p{L}\p{N}]/u.test(keyword)
        ? [{ path: [...path, index], message: 'must contain a letter or digit: searches are compared word by word, without punctuation' }]
        : [],
    );
  });
}

/** With neither, no visitor could ever become a contact (and so never an MQL). */
function contactFindings(data: unknown): Finding[] {
  const contact = valueAt(data, ['stages', 'contact']);
  if (!isRecord(contact)) return [];
  const { events, traits } = contact;
  return Array.isArray(events) && Array.isArray(traits) && events.length === 0 && traits.length === 0
    ? [{ path: ['stages', 'contact'], message: 'lists no event and no trait: give at least one of either, or no visitor could ever become a contact' }]
    : [];
}

/** Activities count engagement rules firing (and searches of an intent class), found by id: a typo would never count. */
function activityFindings(data: unknown, engagementRules: readonly RawRule[], fitRules: readonly RawRule[]): Finding[] {
  const path = ['stages', 'sql', 'activities'];
  const listed = valueAt(data, [...path, 'rules']);
  if (!Array.isArray(listed)) return [];
  const idsOf = (rules: readonly RawRule[]): Set<unknown> => new Set(rules.map(({ rule }) => rule['id']));
  const engagementIds = idsOf(engagementRules);
  const fitIds = idsOf(fitRules);
  const intentIds: readonly string[] = INTENT_CLASSES.map(intentRuleId);
  const findings: Finding[] = [];
  listed.forEach((id: unknown, index) => {
    // Not snake_case at all: the schema says so already.
    if (typeof id !== 'string' || !/^[a-z][a-z0-9_]*$/.test(id) || engagementIds.has(id) || intentIds.includes(id)) return;
    const what = fitIds.has(id) ? `"${id}" is a fit rule, not an activity` : `unknown rule "${id}"`;
    findings.push({ path: [...path, 'rules', index], message: `${what}: list ids of this model's engagement rules or ${intentIds.join(', ')}` });
  });
  const distinct = valueAt(data, [...path, 'distinct']);
  if (typeof distinct === 'number' && listed.length > 0 && distinct > listed.length) {
    findings.push({
      path: [...path, 'distinct'],
      message: `must not be more than the number of rules listed (${listed.length}): no lead could do ${distinct} different ones`,
    });
  }
  return findings;
}

/** The score-and-BANT path is the step after MQL: a bar at or below the MQL engagement would skip MQL altogether. */
function sqlScoreFindings(data: unknown, place: Place): Finding[] {
  const mqlPath = ['stages', 'mql', 'minEngagement'];
  const minEngagement = valueAt(data, mqlPath);
  const minScore = valueAt(data, ['stages', 'sql', 'criteria', 'minScore']);
  if (typeof minEngagement !== 'number' || typeof minScore !== 'number' || minScore > minEngagement) return [];
  return [
    {
      path: ['stages', 'sql', 'criteria', 'minScore'],
      message: `must be more than ${minEngagement}, the MQL's minimum engagement at ${place(mqlPath)}: an SQL asks for more than an MQL`,
    },
  ];
}

const FIT_GATES = [
  { path: ['stages', 'mql'], reaches: 'become an MQL' },
  { path: ['stages', 'sql', 'fastTrack'], reaches: 'reach sales by the fast track' },
  { path: ['stages', 'sql', 'criteria'], reaches: 'reach sales by score and BANT' },
  { path: ['stages', 'sql', 'activities'], reaches: 'reach sales by high-intent activities' },
] as const;

/**
 * The lowest grade is the poor fit sales must never be sent by accident: a path that admits it says why; a reason
 * on a path that does not admit it would be misread as one that does.
 */
function fitGateFindings(data: unknown): Finding[] {
  return FIT_GATES.flatMap(({ path, reaches }): Finding[] => {
    const gate = valueAt(data, path);
    if (!isRecord(gate)) return [];
    const { minGrade, lowestGradeBecause } = gate;
    if (minGrade === 'D' && lowestGradeBecause === undefined) {
      return [{ path: [...path, 'minGrade'], message: `D lets a lead of the lowest fit grade ${reaches}: raise it to C or better, or give lowestGradeBecause with the reason` }];
    }
    if (minGrade !== 'D' && typeof minGrade === 'string' && lowestGradeBecause !== undefined) {
      return [{ path: [...path, 'lowestGradeBecause'], message: `applies only with minGrade D; this path asks for ${minGrade} or better` }];
    }
    return [];
  });
}
