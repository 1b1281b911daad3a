/** How many signals a qualification and the lead view show sales. */
export const TOP_SIGNALS = 5;

/**
 * The engagement rules that earned most, as sales sees them: those that added points, at most TOP_SIGNALS. Takes the
 * rules in scoring's order (largest first), any shape that carries points (the domain's or a contract's).
 */
export function topSignals<R extends { readonly points: number }>(engagementRules: readonly R[]): R[] {
  return engagementRules.filter((rule) => rule.points > 0).slice(0, TOP_SIGNALS);
}
