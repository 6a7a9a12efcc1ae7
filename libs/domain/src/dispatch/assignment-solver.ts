/** Pairs (row, column) of a cost matrix; rows and columns appear at most once. */
export type Assignment = Array<[row: number, column: number]>;

export interface SolveResult {
  readonly pairs: Assignment;
  /** True when the matrix was over the budget and a greedy pass was used instead of the optimal assignment. */
  readonly degraded: boolean;
  /** Present (true) when the optimum is over a candidate graph (a sparse solve), not over every pair. */
  readonly sparse?: true;
}

/** A cost at or above this is "not possible": such pairs are never returned. */
export const IMPOSSIBLE = 1e15;

/**
 * Minimum-cost assignment of rows to columns (rectangular allowed): as many possible pairs as can be made and, among
 * those assignments, the cheapest. Impossible pairs (cost ≥ IMPOSSIBLE or not finite) are never returned.
 *
 * The optimum is found by the shortest augmenting path algorithm of Jonker and Volgenant in the rectangular form of
 * Crouse ("On implementing 2D rectangular assignment algorithms", IEEE TAES 2016; the one SciPy's
 * `linear_sum_assignment` uses): one Dijkstra search per row of the smaller side, stopped at the first free column,
 * on typed arrays kept between calls. Its worst case is O(k²·n) like the Hungarian algorithm's; on dispatch matrices it
 * takes 7–8 ms for 200 × 400 on the 2-core bench machine (the `munkres` package it replaced 19 ms, the
 * `linear-sum-assignment` package 39 ms, Crouse's plain form 20 ms: see shortestAugmentingPaths for the difference),
 * with a bound on the work actually done (below), impossible pairs kept out of the sums (munkres added 1e15 to them)
 * and no garbage per solve. Why not a package: README, "Libraries".
 *
 * Bounded: `budget` counts the steps of the searches (reduced costs evaluated). A solve that reaches it stops, and a
 * matrix whose size says it would (k³/5 + k·n over the budget) is not tried, so no time is spent on a solve thrown
 * away; either is planned by a greedy pass instead — columns in the caller's order (most urgent first), each to its
 * cheapest free row, O(r·c) — and the result says so. Why k³/5: dispatch matrices are hard ones — every robot prefers
 * the same urgent tasks, so each search passes through about a third of the robots already placed; measured 0.46,
 * 1.5, 33 and 156 million steps at 132 × 264, 200 × 400, 588 × 1176 and 1000 × 2000.
 */
export function solveAssignment(costs: readonly Float64Array[], columns: number, budget: number, candidates?: number): SolveResult {
  const rows = costs.length;
  if (rows === 0 || columns === 0) return { pairs: [], degraded: false };
  const k = Math.min(rows, columns);
  const n = Math.max(rows, columns);
  const sparse = candidates !== undefined && candidates < n;
  // a size that a dispatch matrix could not be solved at within the budget is not tried (see above); a sparse solve
  // relaxes about `candidates` pairs a row scanned instead of every row placed (see sparseShortestAugmentingPaths)
  const estimate = sparse ? (k * k * Math.min(k, 2 * candidates)) / 5 + k * n : (k * k * k) / 5 + k * n;
  const exact = estimate <= budget ? optimal(costs, columns, budget, sparse ? candidates : undefined) : undefined;
  if (exact === undefined) return { pairs: greedy(costs, columns), degraded: true };
  return lastSolveSparse ? { pairs: exact, degraded: false, sparse: true } : { pairs: exact, degraded: false };
}

/**
 * Scratch arrays of the solver, grown on demand and kept between calls: a dispatch round solves a 200 × 400 matrix
 * or more, and fresh arrays for every search were garbage (single-threaded: one solve at a time).
 */
let work = new Float64Array(0);
/** Whether the last call of optimal solved over a candidate graph. */
let lastSolveSparse = false;
let keptRows = new Int32Array(0);
let keptColumns = new Int32Array(0);

/**
 * The optimal assignment, or undefined when it needed more than `budget` steps.
 *
 * Rows and columns without a single possible pair are left out first (they can only be matched to impossible
 * pairs). The rest is shifted to [0, range] and every impossible pair costs `big` = (k + 1)·(range + 1), more than any
 * k possible pairs can differ by: the optimum then makes as many possible pairs as can be made, and is the cheapest
 * of those — what a minimum over the matrix with 1e15 for "impossible" meant, without adding 1e15 to the dual
 * variables (where the small costs would lose their precision). The smaller side becomes the rows (transposed when
 * needed), so that every row is matched.
 */
function optimal(costs: readonly Float64Array[], columns: number, budget: number, candidates: number | undefined): Assignment | undefined {
  const rows = costs.length;
  if (keptRows.length < rows) keptRows = new Int32Array(Math.max(rows, keptRows.length * 2));
  if (keptColumns.length < columns) keptColumns = new Int32Array(Math.max(columns, keptColumns.length * 2));
  const columnPossible = new Uint8Array(columns);
  let r = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let row = 0; row < rows; row++) {
    const line = costs[row]!;
    let any = false;
    for (let column = 0; column < columns; column++) {
      const cost = line[column]!;
      if (!possible(cost)) continue;
      any = true;
      columnPossible[column] = 1;
      if (cost < low) low = cost;
      if (cost > high) high = cost;
    }
    if (any) keptRows[r++] = row;
  }
  let c = 0;
  for (let column = 0; column < columns; column++) if (columnPossible[column]) keptColumns[c++] = column;
  lastSolveSparse = false;
  if (r === 0 || c === 0) return [];
  const transposed = r > c;
  const nr = transposed ? c : r;
  const nc = transposed ? r : c;
  const big = (nr + 1) * (high - low + 1);
  if (work.length < nr * nc) work = new Float64Array(Math.max(nr * nc, work.length * 2));
  for (let i = 0; i < r; i++) {
    const line = costs[keptRows[i]!]!;
    for (let j = 0; j < c; j++) {
      const cost = line[keptColumns[j]!]!;
      const value = possible(cost) ? cost - low : big;
      work[transposed ? j * nc + i : i * nc + j] = value;
    }
  }
  lastSolveSparse = candidates !== undefined && candidates < nc;
  const columnOfRow =
    candidates !== undefined && candidates < nc
      ? sparseShortestAugmentingPaths(work, nr, nc, candidateGraph(work, nr, nc, candidates, Math.max(1, Math.ceil(candidates / 4)), Math.max(1, Math.ceil(candidates / 2))), budget)
      : shortestAugmentingPaths(work, nr, nc, budget);
  if (columnOfRow === undefined) return undefined;
  const pairs: Assignment = [];
  for (let i = 0; i < nr; i++) {
    const j = columnOfRow[i]!;
    const row = keptRows[transposed ? j : i]!;
    const column = keptColumns[transposed ? i : j]!;
    const cost = costs[row]![column]!;
    if (possible(cost)) pairs.push([row, column]);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Cheapest free columns remembered per row (see shortestAugmentingPaths). */
const CANDIDATES = 16;

/** The solver's arrays for nr rows and n columns, kept between solves and grown when a larger one comes. */
class Workspace {
  readonly u: Float64Array;
  readonly columnOf: Int32Array;
  readonly scannedRows: Int32Array;
  readonly candidates: Int32Array;
  readonly candidateAt: Int32Array;
  readonly candidateCount: Int32Array;
  readonly v: Float64Array;
  readonly shortest: Float64Array;
  readonly path: Int32Array;
  readonly rowOf: Int32Array;
  readonly matched: Int32Array;
  readonly open: Int32Array;
  readonly openShortest: Float64Array;
  readonly openV: Float64Array;
  readonly openPath: Int32Array;
  readonly scannedColumns: Int32Array;
  readonly bufferCost: Float64Array;
  /** Whether the last cheapestFree() had to refill the row's list (the caller counts its steps). */
  refilled = false;
  /** Sparse solve: a min-heap of the columns reached in a search (by tentative distance), each one's place in it. */
  readonly heap: Int32Array;
  readonly heapAt: Int32Array;
  /** Sparse solve: the search (row + 1) that last reached / scanned each column. */
  readonly reachedIn: Int32Array;
  readonly scannedIn: Int32Array;

  constructor(
    readonly rows: number,
    readonly columns: number,
  ) {
    this.u = new Float64Array(rows);
    this.columnOf = new Int32Array(rows);
    this.scannedRows = new Int32Array(rows);
    this.candidates = new Int32Array(rows * CANDIDATES);
    this.candidateAt = new Int32Array(rows);
    this.candidateCount = new Int32Array(rows);
    this.v = new Float64Array(columns);
    this.shortest = new Float64Array(columns);
    this.path = new Int32Array(columns);
    this.rowOf = new Int32Array(columns);
    this.matched = new Int32Array(columns);
    this.open = new Int32Array(columns);
    this.openShortest = new Float64Array(columns);
    this.openV = new Float64Array(columns);
    this.openPath = new Int32Array(columns);
    this.scannedColumns = new Int32Array(columns);
    this.bufferCost = new Float64Array(CANDIDATES);
    this.heap = new Int32Array(columns);
    this.heapAt = new Int32Array(columns);
    this.reachedIn = new Int32Array(columns);
    this.scannedIn = new Int32Array(columns);
  }
}

let workspace = new Workspace(0, 0);

/**
 * Row i's 16 cheapest free columns (by cost, then index) into its candidates, in one pass over the row; returns the
 * first, or -1 when no column is free.
 */
function refill(cost: Float64Array, i: number, n: number, { candidates, candidateAt, candidateCount, rowOf, bufferCost }: Workspace): number {
  const at = i * CANDIDATES;
  const base = i * n;
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (rowOf[j] !== -1) continue;
    const c = cost[base + j]!;
    if (count === CANDIDATES && c >= bufferCost[CANDIDATES - 1]!) continue;
    let k = count < CANDIDATES ? count++ : CANDIDATES - 1;
    while (k > 0 && bufferCost[k - 1]! > c) {
      bufferCost[k] = bufferCost[k - 1]!;
      candidates[at + k] = candidates[at + k - 1]!;
      k -= 1;
    }
    bufferCost[k] = c;
    candidates[at + k] = j;
  }
  candidateAt[i] = 0;
  candidateCount[i] = count;
  return count === 0 ? -1 : candidates[at]!;
}

/**
 * The row's cheapest column no row holds yet: the first still free on its sorted short list, or, when every column on
 * it is taken, the head of a new list (`workspace.refilled` then says so: that cost a pass over the row). -1: none is
 * free.
 */
function cheapestFree(cost: Float64Array, row: number, n: number, workspace: Workspace): number {
  const { candidates, candidateAt, candidateCount, rowOf } = workspace;
  const at = row * CANDIDATES;
  while (candidateAt[row]! < candidateCount[row]!) {
    const j = candidates[at + candidateAt[row]!]!;
    if (rowOf[j] === -1) {
      workspace.refilled = false;
      return j;
    }
    candidateAt[row] += 1;
  }
  workspace.refilled = true;
  return refill(cost, row, n, workspace);
}

/**
 * The end of row `current`'s search, dense or sparse: the duals of the rows and columns it scanned are updated so that
 * reduced costs stay non-negative, and the path to `sink` is flipped (each row on it takes the next column).
 */
function augment(current: number, sink: number, minVal: number, rowsScanned: number, columnsScanned: number, workspace: Workspace): void {
  const { u, v, columnOf, rowOf, path, shortest, scannedRows, scannedColumns } = workspace;
  u[current] += minVal;
  for (let k = 1; k < rowsScanned; k++) {
    const i = scannedRows[k]!;
    u[i] += minVal - shortest[columnOf[i]!]!;
  }
  for (let k = 0; k < columnsScanned; k++) {
    const j = scannedColumns[k]!;
    v[j] -= minVal - shortest[j]!;
  }
  let j = sink;
  for (;;) {
    const i = path[j]!;
    rowOf[j] = i;
    const previous = columnOf[i]!;
    columnOf[i] = j;
    j = previous;
    if (i === current) break;
  }
}

/**
 * Crouse's algorithm on a dense nr × n matrix (row-major, nr ≤ n, all finite): for each row in turn, a Dijkstra
 * search over reduced costs (cost − u[row] − v[column]) for the nearest free column, then the duals are updated so
 * reduced costs stay non-negative and the path is flipped. Ties prefer a free column, which ends the search.
 *
 * One change of bookkeeping, same result: a free column's dual is 0 (only columns a search reaches change theirs, and
 * those are matched from then on), and reaching a free column ends the search, so a scanned row needs only its
 * cheapest free column, not all of them. Each row keeps its 16 cheapest free columns in order (refilled by a pass
 * over the row when they are all taken; columns are never freed again), and a scan relaxes only the matched columns —
 * at most one per row placed so far — instead of every column. On dispatch matrices (every robot wants the same
 * urgent tasks, so a search passes through about a third of the robots placed) that is 3.5 times fewer steps at
 * 200 × 400 (5.4 → 1.5 million; 20 → 7–8 ms), and more the wider the window. Returns each row's column (a view on scratch, valid until the next solve),
 * or undefined past `budget` steps.
 */
function shortestAugmentingPaths(cost: Float64Array, nr: number, n: number, budget: number): Int32Array | undefined {
  if (workspace.rows < nr || workspace.columns < n) workspace = new Workspace(Math.max(nr, workspace.rows), Math.max(n, workspace.columns));
  // locals, not the workspace's fields, in the loops below (V8 keeps them in registers)
  const { u, columnOf, scannedRows, candidateAt, candidateCount, v, shortest, path, rowOf, matched, open, openShortest, openV, openPath, scannedColumns } = workspace;
  u.fill(0, 0, nr);
  columnOf.fill(-1, 0, nr);
  candidateAt.fill(0, 0, nr);
  candidateCount.fill(0, 0, nr);
  v.fill(0, 0, n);
  rowOf.fill(-1, 0, n);
  let matchedCount = 0;
  let steps = 0;

  for (let current = 0; current < nr; current++) {
    // the matched columns not reached yet in this search (free ones through the rows' candidates), with their
    // tentative distance, dual and predecessor side by side: a scan reads them in order
    let left = matchedCount;
    for (let k = 0; k < left; k++) {
      const j = matched[k]!;
      open[k] = j;
      openShortest[k] = Infinity;
      openV[k] = v[j]!;
    }
    let rowsScanned = 0;
    let columnsScanned = 0;
    let minVal = 0;
    let row = current;
    let sink = -1;
    let freeDistance = Infinity;
    let freeColumn = -1;
    let freeRow = -1;
    while (sink === -1) {
      scannedRows[rowsScanned++] = row;
      steps += left + 1;
      if (steps > budget) return undefined;
      const base = row * n;
      const ur = u[row]! - minVal;
      const free = cheapestFree(cost, row, n, workspace);
      if (workspace.refilled) steps += n;
      if (free !== -1) {
        const distance = cost[base + free]! - ur;
        if (distance < freeDistance) {
          freeDistance = distance;
          freeColumn = free;
          freeRow = row;
        }
      }
      let index = -1;
      let lowest = Infinity;
      for (let k = 0; k < left; k++) {
        const reduced = cost[base + open[k]!]! - ur - openV[k]!;
        let s = openShortest[k]!;
        if (reduced < s) {
          openPath[k] = row;
          openShortest[k] = s = reduced;
        }
        if (s < lowest) {
          lowest = s;
          index = k;
        }
      }
      if (freeDistance <= lowest) {
        // nrows ≤ columns: a free column is always left, so the search ends here at the latest
        minVal = freeDistance;
        sink = freeColumn;
        path[sink] = freeRow;
        shortest[sink] = freeDistance;
      } else {
        minVal = lowest;
        const j = open[index]!;
        shortest[j] = lowest;
        path[j] = openPath[index]!;
        scannedColumns[columnsScanned++] = j;
        left -= 1;
        open[index] = open[left]!;
        openShortest[index] = openShortest[left]!;
        openV[index] = openV[left]!;
        openPath[index] = openPath[left]!;
        row = rowOf[j]!;
      }
    }
    augment(current, sink, minVal, rowsScanned, columnsScanned, workspace);
    matched[matchedCount++] = sink;
  }
  return columnOf;
}

/** The candidate graph of a sparse solve, as adjacency lists (row i's columns: columns[start[i]] … [start[i + 1] − 1]). */
interface CandidateGraph {
  readonly start: Int32Array;
  readonly columns: Int32Array;
}

let graphStart = new Int32Array(0);
let graphColumns = new Int32Array(0);
let graphFill = new Int32Array(0);
let rowLists = new Int32Array(0);
let columnBestCost = new Float64Array(0);
let columnBestRow = new Int32Array(0);
let rowBestCost = new Float64Array(0);
let rowBestColumn = new Int32Array(0);
let columnLowest = new Float64Array(0);
let relBestCost = new Float64Array(0);
let relBestColumn = new Int32Array(0);

/**
 * The pairs a sparse solve may use: each row's `perRow` cheapest columns, its `perRelative` cheapest compared with the
 * column's cheapest row (cost − the column's minimum), and each column's `perColumn` cheapest rows. All three,
 * because on dispatch matrices every robot's cheapest tasks are the same urgent few: robots' cheapest lists alone left
 * most tasks with no robot; the relative and the column lists give each task the robots nearest to it. One pass over
 * the matrix for the columns' minima, one for the lists; arrays kept between calls.
 */
function candidateGraph(cost: Float64Array, nr: number, n: number, perRow: number, perRelative: number, perColumn: number): CandidateGraph {
  if (graphStart.length < nr + 1) graphStart = new Int32Array(Math.max(nr + 1, graphStart.length * 2));
  const perList = perRow + perRelative;
  if (graphFill.length < nr) graphFill = new Int32Array(Math.max(nr, graphFill.length * 2));
  if (rowLists.length < nr * perList) rowLists = new Int32Array(Math.max(nr * perList, rowLists.length * 2));
  if (columnBestCost.length < n * perColumn) {
    columnBestCost = new Float64Array(Math.max(n * perColumn, columnBestCost.length * 2));
    columnBestRow = new Int32Array(columnBestCost.length);
  }
  if (rowBestCost.length < perRow) {
    rowBestCost = new Float64Array(perRow);
    rowBestColumn = new Int32Array(perRow);
  }
  if (relBestCost.length < perRelative) {
    relBestCost = new Float64Array(perRelative);
    relBestColumn = new Int32Array(perRelative);
  }
  if (columnLowest.length < n) columnLowest = new Float64Array(Math.max(n, columnLowest.length * 2));
  columnLowest.fill(Infinity, 0, n);
  for (let i = 0; i < nr; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) if (cost[base + j]! < columnLowest[j]!) columnLowest[j] = cost[base + j]!;
  }
  const columnCount = Math.min(perColumn, nr);
  for (let i = 0; i < nr; i++) {
    const base = i * n;
    let count = 0;
    let count2 = 0;
    for (let j = 0; j < n; j++) {
      const c = cost[base + j]!;
      if (count < perRow || c < rowBestCost[perRow - 1]!) {
        let k = count < perRow ? count++ : perRow - 1;
        while (k > 0 && rowBestCost[k - 1]! > c) {
          rowBestCost[k] = rowBestCost[k - 1]!;
          rowBestColumn[k] = rowBestColumn[k - 1]!;
          k -= 1;
        }
        rowBestCost[k] = c;
        rowBestColumn[k] = j;
      }
      const relative = c - columnLowest[j]!;
      if (count2 < perRelative || relative < relBestCost[perRelative - 1]!) {
        let k = count2 < perRelative ? count2++ : perRelative - 1;
        while (k > 0 && relBestCost[k - 1]! > relative) {
          relBestCost[k] = relBestCost[k - 1]!;
          relBestColumn[k] = relBestColumn[k - 1]!;
          k -= 1;
        }
        relBestCost[k] = relative;
        relBestColumn[k] = j;
      }
      // the column's cheapest rows so far (rows come in order: the first columnCount fill it)
      const at = j * perColumn;
      if (i < columnCount || c < columnBestCost[at + columnCount - 1]!) {
        let k = i < columnCount ? i : columnCount - 1;
        while (k > 0 && columnBestCost[at + k - 1]! > c) {
          columnBestCost[at + k] = columnBestCost[at + k - 1]!;
          columnBestRow[at + k] = columnBestRow[at + k - 1]!;
          k -= 1;
        }
        columnBestCost[at + k] = c;
        columnBestRow[at + k] = i;
      }
    }
    // the row's own lists (a column in both is relaxed twice: harmless, the second finds nothing shorter)
    const list = i * perList;
    for (let k = 0; k < count; k++) rowLists[list + k] = rowBestColumn[k]!;
    for (let k = 0; k < count2; k++) rowLists[list + count + k] = relBestColumn[k]!;
    graphFill[i] = count + count2;
  }
  // adjacency lists: each row's own lists, then the columns that have the row among their cheapest
  graphStart.fill(0, 0, nr + 1);
  for (let j = 0; j < n; j++) for (let k = 0; k < columnCount; k++) graphStart[columnBestRow[j * perColumn + k]! + 1] += 1;
  for (let i = 0; i < nr; i++) graphStart[i + 1] += graphStart[i]! + graphFill[i]!;
  const edges = graphStart[nr]!;
  if (graphColumns.length < edges) graphColumns = new Int32Array(Math.max(edges, graphColumns.length * 2));
  for (let i = 0; i < nr; i++) {
    const at = graphStart[i]!;
    const own = graphFill[i]!;
    const list = i * perList;
    for (let k = 0; k < own; k++) graphColumns[at + k] = rowLists[list + k]!;
    graphFill[i] = at + own;
  }
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < columnCount; k++) {
      const row = columnBestRow[j * perColumn + k]!;
      graphColumns[graphFill[row]!] = j;
      graphFill[row] += 1;
    }
  }
  return { start: graphStart, columns: graphColumns };
}

/**
 * shortestAugmentingPaths over a candidate graph: a scanned row relaxes only its candidate pairs to matched columns
 * (a binary heap keeps the columns reached, by tentative distance), not every matched column. Free columns are still
 * reached densely, through each row's cheapest free column (the same candidates and refill), so every row is matched
 * whatever the graph, and the reduced cost of every pair to a free column stays non-negative.
 *
 * Why the result is the optimum over the candidate graph plus the pairs chosen: the duals stay feasible on every
 * candidate pair (a pair to a column that was free when its row's dual rose was non-negative then — the search ended
 * at the nearest free column — and a column's dual moves only when a search reaches it, after which it is matched),
 * matched pairs are tight, and a free column's dual is 0 (Crouse's rectangular conditions). With every pair a
 * candidate it is the dense algorithm, up to ties (the caller uses the dense one then). On dispatch matrices the
 * pairs left out are those of a robot far from a task that robots nearer to it all prefer, which the optimum
 * rarely uses: the cost found was within 0.1 % of the dense optimum on this bench's matrices (see the spec).
 */
function sparseShortestAugmentingPaths(cost: Float64Array, nr: number, n: number, graph: CandidateGraph, budget: number): Int32Array | undefined {
  if (workspace.rows < nr || workspace.columns < n) workspace = new Workspace(Math.max(nr, workspace.rows), Math.max(n, workspace.columns));
  const { u, columnOf, scannedRows, candidateAt, candidateCount, v, shortest, path, rowOf, scannedColumns, heap, heapAt, reachedIn, scannedIn } = workspace;
  const { start, columns: adjacent } = graph;
  u.fill(0, 0, nr);
  columnOf.fill(-1, 0, nr);
  candidateAt.fill(0, 0, nr);
  candidateCount.fill(0, 0, nr);
  v.fill(0, 0, n);
  rowOf.fill(-1, 0, n);
  reachedIn.fill(0, 0, n);
  scannedIn.fill(0, 0, n);
  let steps = 0;

  for (let current = 0; current < nr; current++) {
    const search = current + 1;
    let size = 0;
    let rowsScanned = 0;
    let columnsScanned = 0;
    let minVal = 0;
    let row = current;
    let sink = -1;
    let freeDistance = Infinity;
    let freeColumn = -1;
    let freeRow = -1;
    while (sink === -1) {
      scannedRows[rowsScanned++] = row;
      const base = row * n;
      const ur = u[row]! - minVal;
      const free = cheapestFree(cost, row, n, workspace);
      if (workspace.refilled) steps += n;
      if (free !== -1) {
        const distance = cost[base + free]! - ur;
        if (distance < freeDistance) {
          freeDistance = distance;
          freeColumn = free;
          freeRow = row;
        }
      }
      const end = start[row + 1]!;
      steps += end - start[row]! + 1;
      if (steps > budget) return undefined;
      for (let e = start[row]!; e < end; e++) {
        const j = adjacent[e]!;
        if (rowOf[j] === -1 || scannedIn[j] === search) continue;
        const reduced = cost[base + j]! - ur - v[j]!;
        let k: number;
        if (reachedIn[j] !== search) {
          reachedIn[j] = search;
          k = size++;
        } else if (reduced < shortest[j]!) {
          k = heapAt[j]!;
        } else continue;
        shortest[j] = reduced;
        path[j] = row;
        // sift up (ties by column index: the same order whatever the heap's history)
        while (k > 0) {
          const parent = (k - 1) >> 1;
          const p = heap[parent]!;
          if (shortest[p]! < reduced || (shortest[p] === reduced && p < j)) break;
          heap[k] = p;
          heapAt[p] = k;
          k = parent;
        }
        heap[k] = j;
        heapAt[j] = k;
      }
      const lowest = size > 0 ? shortest[heap[0]!]! : Infinity;
      if (freeDistance <= lowest) {
        minVal = freeDistance;
        sink = freeColumn;
        path[sink] = freeRow;
        shortest[sink] = freeDistance;
      } else {
        minVal = lowest;
        const j = heap[0]!;
        // pop: the last one sifted down from the top
        size -= 1;
        if (size > 0) {
          const last = heap[size]!;
          const d = shortest[last]!;
          let k = 0;
          for (;;) {
            let child = 2 * k + 1;
            if (child >= size) break;
            const right = child + 1;
            if (right < size) {
              const a = heap[child]!;
              const b = heap[right]!;
              if (shortest[b]! < shortest[a]! || (shortest[b] === shortest[a] && b < a)) child = right;
            }
            const c = heap[child]!;
            if (d < shortest[c]! || (d === shortest[c] && last < c)) break;
            heap[k] = c;
            heapAt[c] = k;
            k = child;
          }
          heap[k] = last;
          heapAt[last] = k;
        }
        scannedIn[j] = search;
        scannedColumns[columnsScanned++] = j;
        row = rowOf[j]!;
      }
    }
    augment(current, sink, minVal, rowsScanned, columnsScanned, workspace);
  }
  return columnOf;
}

function greedy(costs: readonly Float64Array[], columns: number): Assignment {
  const rowTaken = new Uint8Array(costs.length);
  const pairs: Assignment = [];
  for (let c = 0; c < columns && pairs.length < costs.length; c++) {
    let best = -1;
    let bestCost = IMPOSSIBLE;
    for (let r = 0; r < costs.length; r++) {
      const cost = costs[r]![c]!;
      if (!rowTaken[r] && cost < bestCost && possible(cost)) {
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

/** Under IMPOSSIBLE and finite (NaN is not). */
function possible(cost: number): boolean {
  return cost < IMPOSSIBLE && cost > -Infinity;
}
