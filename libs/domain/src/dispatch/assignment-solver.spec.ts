import fc from 'fast-check';
import { munkres } from 'munkres';
import { IMPOSSIBLE, solveAssignment } from './assignment-solver';

const rows = (m: number[][]) => m.map((r) => Float64Array.from(r));
const total = (m: number[][], pairs: Array<[number, number]>) => pairs.reduce((sum, [r, c]) => sum + m[r]![c]!, 0);

/**
 * Every way of matching rows to columns, by brute force: the reference for small matrices. The best makes as many
 * possible pairs as can be made, then costs the least; returns [pairs, cost].
 */
function bruteForce(m: number[][], columns: number): [number, number] {
  let best: [number, number] = [0, 0];
  const usedC = new Set<number>();
  const walk = (r: number, picked: number, sum: number) => {
    if (picked > best[0] || (picked === best[0] && sum < best[1])) best = [picked, sum];
    if (r === m.length) return;
    walk(r + 1, picked, sum); // leave row r out
    for (let c = 0; c < columns; c++) {
      if (usedC.has(c) || !(m[r]![c]! < IMPOSSIBLE)) continue;
      usedC.add(c);
      walk(r + 1, picked + 1, sum + m[r]![c]!);
      usedC.delete(c);
    }
  };
  walk(0, 0, 0);
  return best;
}

/** A valid assignment: rows and columns at most once each, no impossible pair. */
function expectValid(m: number[][], pairs: Array<[number, number]>): void {
  expect(new Set(pairs.map(([row]) => row)).size).toBe(pairs.length);
  expect(new Set(pairs.map(([, col]) => col)).size).toBe(pairs.length);
  for (const [r, c] of pairs) expect(m[r]![c]!).toBeLessThan(IMPOSSIBLE);
}

/** A matrix of small integers (exact sums) with some impossible pairs, from fast-check's values. */
const matrixOf = (r: number, c: number, values: number[], impossibleBelow: number) =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => {
    const value = values[(i * c + j) % values.length]!;
    return value < impossibleBelow ? IMPOSSIBLE : value;
  }));

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

  it('finds the optimum of any small matrix, rectangular either way, with impossible pairs (property, against brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: -50, max: 500 }), { minLength: 25, maxLength: 25 }), fc.integer({ min: -60, max: 300 }), (r, c, values, impossibleBelow) => {
        const m = matrixOf(r, c, values, impossibleBelow);
        const { pairs, degraded } = solveAssignment(rows(m), c, 1e9);
        expect(degraded).toBe(false);
        expectValid(m, pairs);
        expect([pairs.length, total(m, pairs)]).toEqual(bruteForce(m, c));
      }),
      { numRuns: 500, seed: 5050 },
    );
  });

  it('matches the Hungarian algorithm (munkres) on larger matrices, rectangular either way, with impossible pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.integer({ min: -1_000, max: 20_000 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: -1_001, max: 15_000 }), (r, c, values, impossibleBelow) => {
        const m = matrixOf(r, c, values, impossibleBelow);
        const { pairs, degraded } = solveAssignment(rows(m), c, 1e9);
        expect(degraded).toBe(false);
        expectValid(m, pairs);
        // munkres matches every row or column, impossible pairs at 1e15 (exact: small integers): those are left out
        const reference = (munkres(m) as Array<[number, number]>).filter(([row, col]) => m[row]![col]! < IMPOSSIBLE);
        expect([pairs.length, total(m, pairs)]).toEqual([reference.length, total(m, reference)]);
      }),
      { numRuns: 300, seed: 2016 },
    );
  });

  it('matches munkres on dispatch-like matrices: every row prefers the same columns (long searches, refilled candidates)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 45 }),
        fc.array(fc.integer({ min: -60_000, max: -5_000 }), { minLength: 90, maxLength: 90 }),
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 97, maxLength: 97 }),
        (r, urgency, near) => {
          const c = 2 * r;
          // a column's own term (urgency) dwarfs what tells rows apart (distance); every 7th pair impossible
          const m = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => ((i * 5 + j * 3) % 7 === 0 ? IMPOSSIBLE : urgency[j]! + near[(i * 13 + j) % near.length]!)));
          const { pairs, degraded } = solveAssignment(rows(m), c, 1e9);
          expect(degraded).toBe(false);
          expectValid(m, pairs);
          const reference = (munkres(m) as Array<[number, number]>).filter(([row, col]) => m[row]![col]! < IMPOSSIBLE);
          expect([pairs.length, total(m, pairs)]).toEqual([reference.length, total(m, reference)]);
        },
      ),
      { numRuns: 40, seed: 400 },
    );
  });

  it('keeps the precision of small costs beside impossible ones (1e15 never enters the sums)', () => {
    // optimal: (0,0)+(1,1) = 0.3; with 1e15 in the duals, 0.1-sized differences would be rounded away
    const m = [[0.1, 0.2, IMPOSSIBLE], [0.3, 0.2, IMPOSSIBLE], [IMPOSSIBLE, IMPOSSIBLE, IMPOSSIBLE]];
    expect(solveAssignment(rows(m), 3, 1e9)).toEqual({ pairs: [[0, 0], [1, 1]], degraded: false });
  });

  it('makes as many possible pairs as it can before it makes them cheap', () => {
    // row 1 could take column 0 for 1, but then row 0 would be left with nothing possible
    const m = [[100, IMPOSSIBLE], [1, 1_000]];
    expect(solveAssignment(rows(m), 2, 1e9).pairs).toEqual([[0, 0], [1, 1]]);
  });

  it('over the budget: a greedy pass, columns in order each to its cheapest free row, and says so', () => {
    // optimal would be (0,1)+(1,0) = 2+2; greedy gives column 0 its best row 0 (1), then column 1 row 1 (9)
    const m = [[1, 2], [2, 9]];
    const greedy = { pairs: [[0, 0], [1, 1]], degraded: true };
    // k³/5 + k·n = 5.6 over the budget: not even tried
    expect(solveAssignment(rows(m), 2, 5)).toEqual(greedy);
    // tried, but the searches took 8 steps: row 0 (1, and 2 to find its cheapest free columns), row 1 (2, and 2 for its
    // free columns), then row 0 again through column 0 (1)
    expect(solveAssignment(rows(m), 2, 7)).toEqual(greedy);
    expect(solveAssignment(rows(m), 2, 8)).toEqual({ pairs: [[0, 1], [1, 0]], degraded: false });
  });

  it('gives the same answer when its scratch arrays are reused by a smaller matrix after a larger one', () => {
    const large = Array.from({ length: 30 }, (_, i) => Array.from({ length: 50 }, (_, j) => ((i * 7 + j * 13) % 23) + (j % 3 === 0 ? IMPOSSIBLE : 0)));
    const small = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    const before = solveAssignment(rows(small), 3, 1e9);
    solveAssignment(rows(large), 50, 1e9);
    expect(solveAssignment(rows(small), 3, 1e9)).toEqual(before);
  });

  it('greedy never pairs an impossible entry nor a row twice', () => {
    const m = [[IMPOSSIBLE, 5, 1], [IMPOSSIBLE, 1, 2]];
    const { pairs } = solveAssignment(rows(m), 3, 0);
    expect(pairs).toEqual([[0, 2], [1, 1]]);
  });
});

describe('solveAssignment over a candidate graph (sparse)', () => {
  /** Dispatch-shaped: a column's urgency dwarfs the distances that tell rows apart; rows and columns on a line. */
  const dispatchMatrix = (r: number, c: number, seed: number) => {
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const urgency = Array.from({ length: c }, () => (random() < 0.2 ? -55_000 : -6_000) - random() * 3_000);
    const rowAt = Array.from({ length: r }, () => random() * 1_000);
    const columnAt = Array.from({ length: c }, () => random() * 1_000);
    return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (random() < 0.05 ? IMPOSSIBLE : urgency[j]! + Math.abs(rowAt[i]! - columnAt[j]!) * (urgency[j]! < -50_000 ? 8 : 2))));
  };

  it('is the optimum when the candidates hold every pair (each column’s cheapest rows are all rows), against brute force', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: -50, max: 500 }), { minLength: 25, maxLength: 25 }), fc.integer({ min: -60, max: 300 }), (r, c, values, impossibleBelow) => {
        const m = matrixOf(r, c, values, impossibleBelow);
        // 9 candidates a row: 3 rows a column, so with 3 rows or fewer every pair is a candidate
        const { pairs, degraded } = solveAssignment(rows(m), c, 1e9, Math.min(9, Math.max(r, c) - 1));
        expect(degraded).toBe(false);
        expectValid(m, pairs);
        expect([pairs.length, total(m, pairs)]).toEqual(bruteForce(m, c));
      }),
      { numRuns: 500, seed: 1606 },
    );
  });

  it('with as many candidates as columns, is the dense solve (and says which it was)', () => {
    const m = dispatchMatrix(40, 80, 7);
    expect(solveAssignment(rows(m), 80, 1e9, 80)).toEqual(solveAssignment(rows(m), 80, 1e9));
    expect(solveAssignment(rows(m), 80, 1e9, 80).sparse).toBeUndefined();
    expect(solveAssignment(rows(m), 80, 1e9, 16).sparse).toBe(true);
  });

  it('is within 0.5 % of the dense optimum on dispatch-shaped matrices, every row matched, rectangular either way', () => {
    for (const [r, c] of [[30, 60], [100, 200], [200, 400], [132, 264], [80, 40]] as const) {
      for (let seed = 1; seed <= 3; seed++) {
        const m = dispatchMatrix(r, c, seed * 7_919 + r);
        const dense = solveAssignment(rows(m), c, 1e12);
        const sparse = solveAssignment(rows(m), c, 1e12, 16);
        expect(sparse.degraded).toBe(false);
        expectValid(m, sparse.pairs);
        expect(sparse.pairs.length).toBe(dense.pairs.length);
        const gap = (total(m, sparse.pairs) - total(m, dense.pairs)) / Math.abs(total(m, dense.pairs));
        expect(gap).toBeGreaterThanOrEqual(-1e-12);
        expect(gap).toBeLessThan(0.005);
      }
    }
  });

  it('over the budget: the greedy pass, said so', () => {
    const m = dispatchMatrix(30, 60, 3);
    expect(solveAssignment(rows(m), 60, 1_000, 16)).toEqual({ pairs: solveAssignment(rows(m), 60, 0).pairs, degraded: true });
  });
});
