import {
  FIT_CATEGORIES,
  INTENT_CLASSES,
  type Cap,
  type Condition,
  type DecayPolicy,
  type DisqualifyRule,
  type FitCategory,
  type FitGate,
  type IntentClass,
  type ScoringModel,
  type StageRules,
} from '@baton/scoring-domain';

const CATEGORY_TITLES: Readonly<Record<FitCategory, string>> = {
  demographic: 'Demographic: the person',
  firmographic: 'Firmographic: the company',
  technographic: 'Technographic: the tools they use',
  qualification: 'Qualification: what sales has confirmed (BANT)',
};

const INTENT_TITLES: Readonly<Record<IntentClass, string>> = {
  awareness: 'Awareness (learning about a problem)',
  consideration: 'Consideration (looking for a kind of solution)',
  evaluation: 'Evaluation (comparing options)',
  transactional: 'Transactional (ready to buy)',
};

const PATTERN_NOTE = '"matches" takes a regular expression, found anywhere in the value and ignoring case: `|` means or, `\\b` a word boundary.';

/**
 * The model in words, as Markdown, for sales and marketing to agree on (and to review a model change with).
 * Deterministic: the same model always renders the same text, so the document can be committed and diffed.
 */
export function renderModelDefinitions(model: ScoringModel): string {
  const lines: string[] = [`# Lead scoring definitions: model ${model.version}`, ''];
  if (model.description !== undefined) lines.push(model.description, '');
  lines.push(
    "Every lead has two numbers: **engagement** (what they do) and **fit** (who they are). Their sum is the lead's score.",
    '',
    ...engagementSection(model),
    ...intentSection(model),
    ...fitSection(model),
    ...stagesSection(model.stages),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

function engagementSection(model: ScoringModel): string[] {
  return [
    '## How engagement is scored',
    '',
    'Each event earns the points of the **first** rule below that matches it, read top to bottom; an event no rule matches earns nothing.',
    'Caps are per rule and per calendar period (UTC; weeks start on Monday); for negative rules they limit the points taken away.',
    ...(usesPatterns(model.engagement.rules) ? [PATTERN_NOTE] : []),
    '',
    '| Rule | Meaning | When | Points | Cap |',
    '| --- | --- | --- | ---: | --- |',
    ...model.engagement.rules.map((rule) =>
      row([
        code(rule.id),
        rule.description ?? '',
        `${rule.events.map(code).join(' or ')}${whereClause(rule.when)}`,
        signed(rule.points),
        rule.cap === undefined ? 'none' : capInWords(rule.cap, 'points', 'events'),
      ]),
    ),
    '',
    `**Decay:** ${decayInWords(model.engagement.decay)}`,
    '',
  ];
}

function intentSection(model: ScoringModel): string[] {
  const { intent } = model.engagement;
  const sources = [
    ...(intent.queryProperties.length > 0 ? [`the event properties ${intent.queryProperties.map(code).join(', ')}`] : []),
    ...(intent.referrerProperties.length > 0 ? [`the search terms in the referrer URL of ${intent.referrerProperties.map(code).join(', ')}`] : []),
  ];
  return [
    '## Search intent',
    '',
    `The words a lead searched with (${sources.length > 0 ? sources.join(' and ') : 'no source is configured'}) tell their funnel stage.`,
    'Keywords match whole words, ignoring case; when a search has words of several stages, the most advanced stage counts.',
    '',
    '| Stage | Keywords | Points | Cap |',
    '| --- | --- | ---: | --- |',
    ...INTENT_CLASSES.map((intentClass) => {
      const rule = intent.classes[intentClass];
      return row([INTENT_TITLES[intentClass], rule.keywords.join(', '), signed(rule.points), rule.cap === undefined ? 'none' : capInWords(rule.cap, 'points', 'searches')]);
    }),
    '',
  ];
}

function fitSection(model: ScoringModel): string[] {
  const { grades, rules } = model.fit;
  const lines = ['## How fit is scored', '', 'Every rule that holds for the lead adds its points; the sum never goes below 0.', ''];
  for (const category of FIT_CATEGORIES) {
    const inCategory = rules.filter((rule) => rule.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`### ${CATEGORY_TITLES[category]}`, '', '| Rule | Meaning | When | Points |', '| --- | --- | --- | ---: |');
    lines.push(...inCategory.map((rule) => row([code(rule.id), rule.description ?? '', rule.when.map(conditionInWords).join(' and '), signed(rule.points)])));
    lines.push('');
  }
  if (usesPatterns(rules)) lines.push(PATTERN_NOTE, '');
  lines.push(
    '### Grades',
    '',
    `- **A**: fit ${grades.A} or more`,
    `- **B**: ${band(grades.B, grades.A)}`,
    `- **C**: ${band(grades.C, grades.B)}`,
    `- **D**: ${grades.C > 0 ? `below ${grades.C}` : 'never (fit is never below 0)'}`,
    '',
  );
  return lines;
}

/** The qualification rules in plain words: what sales and marketing agree a contact, an MQL and an SQL are. */
function stagesSection(stages: StageRules): string[] {
  const { contact, mql, sql, recycle, disqualify } = stages;
  const identified = [
    ...(contact.events.length > 0 ? [`on an event of type ${orList(contact.events.map(code))}`] : []),
    ...(contact.traits.length > 0 ? [`once ${orList(contact.traits.map(code))} is known`] : []),
  ];
  const sqlPaths = [
    ...(sql.fastTrack === undefined
      ? []
      : [
          `fast track: an event of type ${orList(sql.fastTrack.events.map(code))}${sql.fastTrack.withinDays === undefined ? '' : `, reaching Baton within ${days(sql.fastTrack.withinDays)} of happening,`} from a lead with ${gateInWords(sql.fastTrack)} hands it to sales at once;`,
        ]),
    ...(sql.criteria === undefined
      ? []
      : [
          `score and BANT: a score (engagement + fit) of at least ${sql.criteria.minScore} with ${sql.criteria.bantAtLeast} of 4 BANT criteria known and satisfied ` +
            `(budget, authority, need, timeline), from a lead with ${gateInWords(sql.criteria)};`,
        ]),
    ...(sql.activities === undefined
      ? []
      : [
          `activity: ${sql.activities.distinct} different high-intent activities among ${sql.activities.rules.map(code).join(', ')} within ${days(sql.activities.withinDays)}, ` +
            `from a lead with ${gateInWords(sql.activities)}.`,
        ]),
  ];
  const lines = [
    '## Stages and what moves a lead',
    '',
    'A lead moves visitor, contact, MQL, SQL, then opportunity and customer; it may be recycled (back to nurturing) or disqualified for good.',
    '',
    `- **Contact**: a visitor becomes a contact when we can tell who it is: ${identified.join(', or ')}.`,
    `- **MQL** (marketing qualified): engagement of at least ${mql.minEngagement} and ${gateInWords(mql)}.`,
    `- **SQL** (sales qualified), by any of:`,
    ...sqlPaths.map((path) => `  - ${path}`),
    `- **Recycle**: a contact, MQL or SQL goes back to nurturing after ${days(recycle.inactiveDays)} without activity, or when sales rejects it; ` +
      `it may qualify again after +${recycle.requalifyGain} engagement (gained since it was recycled).`,
    disqualify.length === 0
      ? '- **Disqualify**: no rule disqualifies a lead.'
      : '- **Disqualify** (checked before everything else; a disqualified lead never qualifies again), when any of these holds:',
    ...disqualify.map((rule) => `  - ${code(rule.id)}: ${disqualifyInWords(rule)}.${rule.description === undefined ? '' : ` ${rule.description.trim()}`}`),
    '',
  ];
  if (usesPatterns(disqualify)) lines.push(PATTERN_NOTE, '');
  return lines;
}

/** `a fit grade of C or better`; A is the best there is. */
function gateInWords(gate: FitGate): string {
  if (gate.minGrade === 'A') return 'a fit grade of A';
  if (gate.minGrade === 'D') return `any fit grade (the lowest too, because ${gate.lowestGradeBecause ?? 'the model says so'})`;
  return `a fit grade of ${gate.minGrade} or better`;
}

function disqualifyInWords(rule: DisqualifyRule): string {
  const conditions = rule.when.map(conditionInWords).join(' and ');
  if (rule.events === undefined) return `on the profile, ${conditions}`;
  return `an event of type ${orList(rule.events.map(code))}${whereClause(rule.when)}`;
}

/** `a`, `b` or `c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function band(from: number, nextGradeFrom: number): string {
  const to = nextGradeFrom - 1;
  return to <= from ? `${from}` : `${from}-${to}`;
}

export function decayInWords(decay: DecayPolicy): string {
  switch (decay.mode) {
    case 'none':
      return 'engagement does not fade: points stay until a negative rule takes them away.';
    case 'half_life':
      return `engagement halves after ${days(decay.halfLifeDays)} without activity, and halves again for every further ${days(decay.halfLifeDays)}.`;
    case 'linear':
      return `engagement drops by ${plural(decay.points, 'point')} for every ${days(decay.periodDays)} without activity.`;
    case 'window':
      return `only the last ${days(decay.days)} of activity count.`;
  }
}

/** `at most 45 points a week`, `at most 5 events a week`, or both. */
export function capInWords(cap: Cap, pointsWord: string, occurrencesWord: string): string {
  const limits = [...(cap.maxPoints === undefined ? [] : [`${cap.maxPoints} ${pointsWord}`]), ...(cap.maxOccurrences === undefined ? [] : [`${cap.maxOccurrences} ${occurrencesWord}`])];
  return `at most ${limits.join(' and ')} a ${cap.per}`;
}

/** `url matches /pricing/`, `company.employees is between 50 and 999`. */
export function conditionInWords(condition: Condition): string {
  const field = code(condition.field);
  switch (condition.op) {
    case 'equals':
      return `${field} is ${literal(condition.value)}`;
    case 'in':
      return `${field} is one of ${condition.values.map(literal).join(', ')}`;
    case 'matches':
      return `${field} matches ${code(condition.pattern)}`;
    case 'range':
      if (condition.min !== undefined && condition.max !== undefined) return `${field} is between ${condition.min} and ${condition.max}`;
      return condition.min !== undefined ? `${field} is at least ${condition.min}` : `${field} is at most ${condition.max ?? ''}`;
    case 'exists':
      return condition.exists ? `${field} is known` : `${field} is unknown`;
  }
}

function usesPatterns(rules: readonly { readonly when: readonly Condition[] }[]): boolean {
  return rules.some((rule) => rule.when.some((condition) => condition.op === 'matches'));
}

function whereClause(conditions: readonly Condition[]): string {
  return conditions.length === 0 ? '' : ` where ${conditions.map(conditionInWords).join(' and ')}`;
}

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? code(value) : String(value);
}

/** A code span that survives any content: backticks inside get a longer fence. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}

/** A table row; a `|` in a cell would end the cell, even inside a code span. */
function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function days(count: number): string {
  return plural(count, 'day');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
