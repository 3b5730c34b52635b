/** Levenshtein distance with an early exit once every cell of a row exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `wanted`, or undefined when none is plausibly a typo of it: a
 * case-only difference always qualifies, and so does one name (of 3+ characters) being a prefix
 * of the other (`greet` / `greet_user`, ranked between 1 and 2 edits); otherwise at most 40% of
 * the longer name may differ (at least 1, at most 4 edits).
 */
export function nearest(wanted: string, candidates: Iterable<string>): string | undefined {
  const lower = wanted.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === wanted) continue;
    const other = candidate.toLowerCase();
    const limit = Math.min(4, Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) * 0.4)));
    let score: number;
    if (other === lower) score = 0;
    else if (
      Math.min(lower.length, other.length) >= 3 &&
      (other.startsWith(lower) || lower.startsWith(other))
    )
      score = 1.5;
    else score = editDistance(lower, other, limit);
    if ((score <= limit || score === 1.5) && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const match = nearest(wanted, candidates);
  return match === undefined ? "" : `; did you mean "${match}"?`;
}
