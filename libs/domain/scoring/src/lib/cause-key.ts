/**
 * The key scoring counts a cause once under: events and profile updates in separate namespaces, as their ids come
 * from different sources. A key also names the score change (its id is derived from it), so its format is part of
 * the data: never change it.
 */
export function scoringCauseKey(kind: 'event' | 'profile', id: string): string {
  return kind === 'event' ? `e:${id}` : `p:${id}`;
}
