import { RE2 } from 're2-wasm';

/**
 * A value longer than this is tested on its first MATCH_INPUT_LIMIT characters (as text that goes on: `$` does
 * not hold at the cut). RE2 runs in time linear in pattern and input, and this caps the input, so one test
 * costs a bounded time whatever an event carries.
 */
export const MATCH_INPUT_LIMIT = 1000;

const WHY_RE2 = 'patterns run on RE2, in linear time: no backreferences or lookarounds';

type Compiled = { readonly regex: RE2; readonly answers: Map<string, boolean> } | { readonly problem: string };

/**
 * Each test crosses into WebAssembly with a copy of the value, and events repeat their values (the same pages, the
 * same campaigns): each pattern remembers its answers for a bounded number of short values.
 */
const ANSWERS_MAX = 5_000;
const ANSWERED_LENGTH_MAX = 256;

// One compilation per pattern text, shared by the checks at load and the tests at match time: a pattern the
// checks accepted is the very object that runs. Refusals are kept too, since each RE2 compilation holds memory
// in the WebAssembly heap that is never given back, and a refused file may be reloaded many times.
const compiled = new Map<string, Compiled>();

/**
 * Why a model or routing file's pattern cannot be used, in words for the file's author, or undefined when it
 * can. Patterns are written in JavaScript's syntax and run on RE2 (ignoring case, as patternMatches does):
 * one must compile on both, so RE2's own extensions ((?i), (?P<name>...)) stay refused as they always were.
 */
export function patternProblem(pattern: string): string | undefined {
  const entry = compile(pattern);
  return 'problem' in entry ? entry.problem : undefined;
}

/**
 * Whether the pattern is found in the value (its first MATCH_INPUT_LIMIT characters), ignoring case. The
 * pattern must have passed patternProblem (files are checked when loaded); one that did not throws.
 */
export function patternMatches(pattern: string, value: string): boolean {
  const entry = compile(pattern);
  if ('problem' in entry) throw new PatternInvalidError(pattern, entry.problem);
  if (value.length > ANSWERED_LENGTH_MAX) return entry.regex.test(capped(value));
  let answer = entry.answers.get(value);
  if (answer === undefined) {
    answer = entry.regex.test(value);
    if (entry.answers.size >= ANSWERS_MAX) entry.answers.clear();
    entry.answers.set(value, answer);
  }
  return answer;
}

/** A pattern that was never checked reached a match: a programming error, not a file's. */
export class PatternInvalidError extends Error {
  readonly code = 'SCORING.PATTERN_INVALID';

  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(`pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${problem}`);
    this.name = 'PatternInvalidError';
  }
}

function compile(pattern: string): Compiled {
  let entry = compiled.get(pattern);
  if (entry === undefined) {
    entry = compileOnBoth(pattern);
    compiled.set(pattern, entry);
  }
  return entry;
}

function compileOnBoth(pattern: string): Compiled {
  // Compiling a JavaScript RegExp never runs it, so this is safe on any text; its reason for a syntax error
  // ("Unterminated group") reads better than RE2's.
  try {
    new RegExp(pattern, 'i');
  } catch (error: unknown) {
    // V8: "Invalid regular expression: /(/i: Unterminated group": the finding's path already names the pattern.
    const message = messageOf(error);
    return { problem: message.slice(message.lastIndexOf(': ') + 2) || message };
  }
  try {
    // re2-wasm requires the u flag; i: conditions ignore case.
    return { regex: new RE2(pattern, 'iu'), answers: new Map() };
  } catch (error: unknown) {
    // re2-wasm: "Invalid regular expression: /<the pattern, each / escaped>/iu: <reason>".
    const head = `Invalid regular expression: /${pattern.replace(/(^|[^\\])((?:\\\\)*)\//g, '$1$2\\/')}/iu: `;
    const message = messageOf(error);
    return { problem: re2Refusal(pattern, message.startsWith(head) ? message.slice(head.length) : message) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What JavaScript accepts but RE2 refuses: say what it is and why RE2 (a lookaround, a backreference, {1001}). */
function re2Refusal(pattern: string, reason: string): string {
  if (/^invalid perl operator: \(\?(?:[=!]|<)$/.test(reason)) {
    const lookaround = /\(\?<?[=!]/.exec(pattern)?.[0];
    if (lookaround !== undefined) return `${lookaround} is a lookaround (${WHY_RE2})`;
  }
  const backreference = /^invalid escape sequence: (\\[1-9k])$/.exec(reason)?.[1];
  if (backreference !== undefined) return `${backreference} is a backreference (${WHY_RE2})`;
  return `${reason} (${WHY_RE2})`;
}

/**
 * The first MATCH_INPUT_LIMIT characters of a longer value, as text that goes on: `$` must not hold at the cut,
 * or `@example\.com$` would match a long value merely because it was cut after ".com". So a line break and a
 * NUL follow them: without the m flag `$` holds at the very end only, and a pattern must take both to get
 * there, which `.`, `\w`, `\d`, `\s` and `\S` cannot (only `\W`, `\D` or a negated class could,
 * on a value over the limit). A surrogate pair is never cut in two.
 */
function capped(value: string): string {
  if (value.length <= MATCH_INPUT_LIMIT) return value;
  const code = value.charCodeAt(MATCH_INPUT_LIMIT - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? MATCH_INPUT_LIMIT - 1 : MATCH_INPUT_LIMIT;
  return `${value.slice(0, end)}\n\u0000`;
}
