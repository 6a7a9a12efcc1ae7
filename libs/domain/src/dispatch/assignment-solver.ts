import { munkres } from 'munkres';

/** Pairs (row, column) of a cost matrix; rows and columns appear at most once. */
export type Assignment = Array<[row: number, column: number]>;

export interface SolveResult {
  readonly pairs: Assignment;
  /** True when the matrix was over the budget and a greedy pass was used instead of the optimal assignment. */
  readonly degraded: boolean;
}

/** A cost at or above this is "not possible": such pairs are never returned. */
export const IMPOSSIBLE = 1e15;

/**
 * Minimum-cost assignment of rows to columns (rectangular allowed; every row or every column, whichever are fewer,
 * is matched if it can be), by the Hungarian algorithm (`munkres`, O(k²·n) for k = min(rows, columns)).
 *
 * Bounded: when k²·n exceeds `budget`, a greedy pass is used instead — columns in the caller's order (most urgent
 * first), each to its cheapest free row, O(r·c) — and the result says so. Impossible pairs (cost ≥ IMPOSSIBLE or not
 * finite) are never returned.
 */
export function solveAssignment(costs: readonly Float64Array[], columns: number, budget: number): SolveResult {
  const rows = costs.length;
  if (rows === 0 || columns === 0) return { pairs: [], degraded: false };
  const k = Math.min(rows, columns);
  const n = Math.max(rows, columns);
  if (k * k * n > budget) return { pairs: greedy(costs, columns), degraded: true };
  const matrix = costs.map((row) => row.map((c) => (Number.isFinite(c) && c < IMPOSSIBLE ? c : IMPOSSIBLE)));
  const pairs = munkres(matrix).filter(([r, c]) => matrix[r]![c]! < IMPOSSIBLE) as Assignment;
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { pairs, degraded: false };
}

function greedy(costs: readonly Float64Array[], columns: number): Assignment {
  const rowTaken = new Uint8Array(costs.length);
  const pairs: Assignment = [];
  for (let c = 0; c < columns && pairs.length < costs.length; c++) {
    let best = -1;
    let bestCost = IMPOSSIBLE;
    for (let r = 0; r < costs.length; r++) {
      const cost = costs[r]![c]!;
      if (!rowTaken[r] && cost < bestCost) {
        best = r;
        bestCost = cost;
      }
    }
    if (best === -1) continue;
    rowTaken[best] = 1;
    pairs.push([best, c]);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
