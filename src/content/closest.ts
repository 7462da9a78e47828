/** "Did you mean …?" suggestions for misspelt section names and front-matter keys. */

/** Levenshtein distance over code points, so one Chinese character counts as one edit. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The candidate nearest to `value`, if it is near enough to be a plausible typo:
 * at most half of the longer string differs.
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const longer = Math.max([...value].length, [...best].length);
  return bestDistance <= Math.ceil(longer / 2) ? best : undefined;
}

export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const suggestion = closest(value, candidates);
  return suggestion === undefined ? undefined : `did you mean ${suggestion}?`;
}
