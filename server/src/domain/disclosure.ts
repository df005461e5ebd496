/**
 * Statistical disclosure control for the coordinators' reports: any figure about fewer than 5
 * people is shown as "fewer than 5", and so is one more cell of a group whenever a single hidden
 * cell could be had back by subtracting the others from the group's total.
 */

export const SMALL_NUMBER = 5;
export const FEWER_THAN_5 = 'fewer than 5' as const;
export type Shown<T = number> = T | typeof FEWER_THAN_5;

/** A count of people (or of what people did): 1 to 4 are hidden; none is none. */
export function shownCount(n: number): Shown {
  return n > 0 && n < SMALL_NUMBER ? FEWER_THAN_5 : n;
}

/** A figure (a rate, a mean, a median) worked out over `people`: hidden when they are fewer than 5. */
export function shownOver<T>(people: number, value: T): Shown<T> | null {
  if (people === 0) return null;
  return people < SMALL_NUMBER ? FEWER_THAN_5 : value;
}

/**
 * Cells that add up to `total` (the exchanges by how they ended, ratings by score). Small cells
 * are hidden; if that hides exactly one, the smallest other non-zero cell is hidden too, so no
 * subtraction from the total gives it back. A small total hides every cell.
 */
export function shownGroup<K extends string>(total: number, cells: Record<K, number>): { total: Shown; cells: Record<K, Shown> } {
  const keys = Object.keys(cells) as K[];
  const hidden = new Set<K>(keys.filter((key) => shownCount(cells[key]) === FEWER_THAN_5));
  if (shownCount(total) === FEWER_THAN_5) for (const key of keys) if (cells[key] > 0) hidden.add(key);
  if (hidden.size === 1) {
    const next = keys.filter((key) => !hidden.has(key) && cells[key] > 0).sort((a, b) => cells[a] - cells[b])[0];
    if (next) hidden.add(next);
  }
  const shown = Object.fromEntries(keys.map((key) => [key, hidden.has(key) ? FEWER_THAN_5 : cells[key]])) as Record<K, Shown>;
  return { total: shownCount(total), cells: shown };
}

/**
 * The Gini coefficient of how `values` (hours each expert gave) are spread: 0 when all gave the
 * same, towards 1 when one gave nearly all. Mean absolute difference over twice the mean.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  if (n === 0 || sum === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Σ (2i − n − 1) · x_i over the sorted values, i from 1: the pairwise differences in O(n log n).
  const weighted = sorted.reduce((acc, x, i) => acc + (2 * (i + 1) - n - 1) * x, 0);
  return weighted / (n * sum);
}

/** The share of the total that the top `fraction` of `values` hold (at least one of them). */
export function topShare(values: readonly number[], fraction: number): number {
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || sum === 0) return 0;
  const top = [...values].sort((a, b) => b - a).slice(0, Math.max(1, Math.ceil(values.length * fraction)));
  return top.reduce((a, b) => a + b, 0) / sum;
}

/** The middle of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
