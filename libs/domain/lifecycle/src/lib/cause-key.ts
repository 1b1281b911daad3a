/**
 * The keys lifecycle applies each cause once under, one namespace per source of ids. A key also names the transition
 * it causes (the transition id is derived from it), so its format is part of the data: never change it.
 */

/** A score change: re-emitted, it keeps its id. */
export function scoreChangeCauseKey(scoreChangeId: string): string {
  return `sc:${scoreChangeId}`;
}

/** A salesperson's answer about a lead. */
export function feedbackCauseKey(feedbackId: string): string {
  return `fb:${feedbackId}`;
}

/** One idle spell (see idleSince): a second pass of the sweep, or another instance, finds it applied. */
export function inactivityCauseKey(idleSince: string | undefined): string {
  return `inactive:${idleSince ?? 'never'}`;
}
