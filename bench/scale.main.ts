import { parseArgs } from 'node:util';
import { MinCostPolicy } from '@opiekun/domain';
import { stressPolicy, type StressResult } from './scale/snapshot-stress';

const CASES = [
  { robots: 10, readyTasks: 100 },
  { robots: 50, readyTasks: 500 },
  { robots: 200, readyTasks: 2000 },
  { robots: 1000, readyTasks: 5000 },
];

/**
 * `npm run bench:scale [-- --json] [--rounds N] [--trace] [--robots N]`: how a min-cost re-plan's latency grows with the fleet (see
 * snapshot-stress.ts); `--trace` prints every round's latency to stderr (to tell warm-up from collector pauses); `--robots N` runs only
 * the cases of that fleet size.
 * 100 rounds a case (15 at 1000 robots), so that p99 is not simply the slowest of a few dozen.
 */
function main(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, rounds: { type: 'string' }, trace: { type: 'boolean' }, robots: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 100);
  const only = values.robots === undefined ? undefined : Number(values.robots);
  const results: StressResult[] = [];
  for (const c of CASES) {
    if (only !== undefined && c.robots !== only) continue;
    for (const busyShare of [0.5, 0]) {
      if (!values.json) process.stderr.write(`${c.robots} robots, ${c.readyTasks} ready tasks, ${busyShare * 100} % busy…\n`);
      const trace: string[] = [];
      results.push(stressPolicy(() => new MinCostPolicy(), { ...c, busyShare }, c.robots >= 1000 ? Math.min(rounds, 15) : rounds, 1, (round, ms) => trace.push(`${round}:${ms.toFixed(1)}`)));
      if (values.trace) process.stderr.write(`  ms by round: ${trace.join(' ')}\n`);
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ results }, null, 2));
    return 0;
  }
  console.log('| robots | ready tasks | busy | facility nodes | first round ms | p50 ms | p99 ms | max ms | p50 / p99 CPU ms | assigned | assignment |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:--|');
  for (const r of results) {
    console.log(`| ${r.robots} | ${r.readyTasks} | ${r.busyShare * 100} % | ${r.facilityNodes} | ${r.firstMs} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.p50CpuMs} / ${r.p99CpuMs} | ${r.assigned} | ${r.degraded ? 'greedy (over budget)' : r.sparse ? 'optimal over candidates' : 'optimal'} |`);
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
