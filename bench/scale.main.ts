import { MinCostPolicy } from '@opiekun/domain';
import { commandLine, numericOption } from './cli/numeric-option';
import { stressPolicy, type StressResult } from './scale/snapshot-stress';

const CASES = [
  { robots: 10, readyTasks: 100 },
  { robots: 50, readyTasks: 500 },
  { robots: 200, readyTasks: 2000 },
  { robots: 1000, readyTasks: 5000 },
];

const USAGE = `Usage: npm run bench:scale -- [--robots 10|50|200|1000] [--rounds N] [--trace] [--json]

  How a min-cost re-plan's latency grows with the fleet: for each case (robots, ready tasks; 50 % and 0 % of robots
  busy) a generated building, the robots spread over it, and N planning rounds (default 200; 15 at 1000 robots) of a
  snapshot that changes a little between them. --robots runs only that fleet size; --trace prints every round's
  latency to stderr (to tell warm-up from collector pauses); --json prints the results as JSON.`;

/**
 * `npm run bench:scale`: see USAGE and snapshot-stress.ts. 200 rounds a case by default, so that p99 (nearest rank over
 * the 199 rounds after the first) is the second slowest round, not simply the slowest; with fewer than 100 rounds
 * after the first the table shows no p99 (it would be the maximum).
 */
function main(argv: readonly string[]): number {
  const parsed = commandLine(argv, { json: { type: 'boolean' }, rounds: { type: 'string' }, trace: { type: 'boolean' }, robots: { type: 'string' } }, USAGE, (values) => {
    const only = values.robots === undefined ? undefined : numericOption(values, 'robots', 0, { min: 1, max: 1_000_000, whole: true });
    if (only !== undefined && !CASES.some((c) => c.robots === only)) throw new Error(`--robots must be one of ${CASES.map((c) => c.robots).join(', ')} (got "${String(values.robots)}")`);
    return { rounds: numericOption(values, 'rounds', 200, { min: 2, max: 100_000, whole: true }), only, json: values.json === true, trace: values.trace === true };
  });
  if ('exit' in parsed) return parsed.exit;
  const { rounds, only, json, trace: traced } = parsed.options;
  const results: StressResult[] = [];
  for (const c of CASES) {
    if (only !== undefined && c.robots !== only) continue;
    for (const busyShare of [0.5, 0]) {
      if (!json) process.stderr.write(`${c.robots} robots, ${c.readyTasks} ready tasks, ${busyShare * 100} % busy…\n`);
      const trace: string[] = [];
      results.push(stressPolicy(() => new MinCostPolicy(), { ...c, busyShare }, c.robots >= 1000 ? Math.min(rounds, 15) : rounds, 1, (round, ms) => trace.push(`${round}:${ms.toFixed(1)}`)));
      if (traced) process.stderr.write(`  ms by round: ${trace.join(' ')}\n`);
    }
  }
  if (json) {
    console.log(JSON.stringify({ results }, null, 2));
    return 0;
  }
  console.log('| robots | ready tasks | busy | facility nodes | first round ms | p50 ms | p99 ms | max ms | p50 / p99 CPU ms | assigned | assignment |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:--|');
  for (const r of results) {
    const p99 = (value: number) => (r.rounds - 1 >= 100 ? String(value) : '–');
    console.log(`| ${r.robots} | ${r.readyTasks} | ${r.busyShare * 100} % | ${r.facilityNodes} | ${r.firstMs} | ${r.p50Ms} | ${p99(r.p99Ms)} | ${r.maxMs} | ${r.p50CpuMs} / ${p99(r.p99CpuMs)} | ${r.assigned} | ${r.degraded ? 'greedy (over budget)' : r.sparse ? 'optimal over candidates' : 'optimal'} |`);
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
