import fc from 'fast-check';
import { IMPOSSIBLE, solveAssignment } from './assignment-solver';

const rows = (m: number[][]) => m.map((r) => Float64Array.from(r));
const total = (m: number[][], pairs: Array<[number, number]>) => pairs.reduce((sum, [r, c]) => sum + m[r]![c]!, 0);

/** Every way of matching min(rows, columns) pairs, by brute force: the reference for small matrices. */
function bruteForce(m: number[][], columns: number): number {
  const k = Math.min(m.length, columns);
  let best = Infinity;
  const usedC = new Set<number>();
  const walk = (r: number, picked: number, sum: number) => {
    if (picked === k) return void (best = Math.min(best, sum));
    if (r === m.length || m.length - r < k - picked) return;
    walk(r + 1, picked, sum); // leave row r out (only possible when rows > columns)
    for (let c = 0; c < columns; c++) {
      if (usedC.has(c) || m[r]![c]! >= IMPOSSIBLE) continue;
      usedC.add(c);
      walk(r + 1, picked + 1, sum + m[r]![c]!);
      usedC.delete(c);
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('solveAssignment', () => {
  it.each<[string, number[][], Array<[number, number]>]>([
    ['the classic 3×3', [[4, 1, 3], [2, 0, 5], [3, 2, 2]], [[0, 1], [1, 0], [2, 2]]],
    ['more columns than rows: the cheapest columns', [[9, 1, 8, 7]], [[0, 1]]],
    ['more rows than columns', [[5], [1], [3]], [[1, 0]]],
    ['negative costs', [[-10, -1], [-2, -3]], [[0, 0], [1, 1]]],
    ['an impossible pair is never returned', [[IMPOSSIBLE, 1], [IMPOSSIBLE, 2]], [[0, 1]]],
    ['a row that can do nothing stays out', [[IMPOSSIBLE, IMPOSSIBLE], [3, 4]], [[1, 0]]],
    ['Infinity and NaN count as impossible', [[Infinity, 2], [NaN, Infinity]], [[0, 1]]],
  ])('%s', (_what, m, expected) => {
    const result = solveAssignment(rows(m), m[0]!.length, 1e9);
    expect(result).toEqual({ pairs: expected, degraded: false });
  });

  it('is empty for no rows or no columns', () => {
    expect(solveAssignment([], 3, 1e9).pairs).toEqual([]);
    expect(solveAssignment(rows([[]]), 0, 1e9).pairs).toEqual([]);
  });

  it('finds the optimum of any small matrix, rectangular either way (property, against brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: -50, max: 500 }), { minLength: 25, maxLength: 25 }), (r, c, values) => {
        const m = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => values[i * 5 + j]!));
        const { pairs, degraded } = solveAssignment(rows(m), c, 1e9);
        expect(degraded).toBe(false);
        expect(pairs).toHaveLength(Math.min(r, c));
        expect(new Set(pairs.map(([row]) => row)).size).toBe(pairs.length);
        expect(new Set(pairs.map(([, col]) => col)).size).toBe(pairs.length);
        expect(total(m, pairs)).toBe(bruteForce(m, c));
      }),
      { numRuns: 300, seed: 5050 },
    );
  });

  it('over the budget: a greedy pass, columns in order each to its cheapest free row, and says so', () => {
    // optimal would be (0,1)+(1,0) = 2+2; greedy gives column 0 its best row 0 (1), then column 1 row 1 (9)
    const m = [[1, 2], [2, 9]];
    expect(solveAssignment(rows(m), 2, 7)).toEqual({ pairs: [[0, 0], [1, 1]], degraded: true });
    expect(solveAssignment(rows(m), 2, 8)).toEqual({ pairs: [[0, 1], [1, 0]], degraded: false });
  });

  it('greedy never pairs an impossible entry nor a row twice', () => {
    const m = [[IMPOSSIBLE, 5, 1], [IMPOSSIBLE, 1, 2]];
    const { pairs } = solveAssignment(rows(m), 3, 0);
    expect(pairs).toEqual([[0, 2], [1, 1]]);
  });
});
