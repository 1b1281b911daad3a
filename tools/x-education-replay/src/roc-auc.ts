/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting one half
 * (the Mann-Whitney U statistic over average ranks). NaN when either class is empty.
 */
export function rocAuc(scored: readonly { readonly score: number; readonly positive: boolean }[]): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end < sorted.length && (sorted[end] as { score: number }).score === (sorted[start] as { score: number }).score) end++;
    // ranks start..end-1 (0-based) share their average, 1-based: (start + 1 + end) / 2
    const averageRank = (start + 1 + end) / 2;
    for (let index = start; index < end; index++) {
      if ((sorted[index] as { positive: boolean }).positive) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
