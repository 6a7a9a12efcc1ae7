import { parseArgs } from 'node:util';
import { MinCostPolicy } from '@opiekun/domain';
import { stressPolicy, type StressResult } from './scale/snapshot-stress';

const CASES = [
  { robots: 10, readyTasks: 100 },
  { robots: 50, readyTasks: 500 },
  { robots: 200, readyTasks: 2000 },
  { robots: 1000, readyTasks: 5000 },
];

/** `npm run bench:scale [-- --json]`: how a min-cost re-plan's latency grows with the fleet (see snapshot-stress.ts). */
function main(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, rounds: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 40);
  const results: StressResult[] = [];
  for (const c of CASES) {
    for (const busyShare of [0.5, 0]) {
      if (!values.json) process.stderr.write(`${c.robots} robots, ${c.readyTasks} ready tasks, ${busyShare * 100} % busy…\n`);
      results.push(stressPolicy(() => new MinCostPolicy(), { ...c, busyShare }, c.robots >= 1000 ? Math.min(rounds, 15) : rounds));
    }
  }
  if (values.json) {
    console.log(JSON.stringify({ results }, null, 2));
    return 0;
  }
  console.log('| robots | ready tasks | busy | facility nodes | first round ms | p50 ms | p99 ms | max ms | assigned | degraded |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|:--|');
  for (const r of results) {
    console.log(`| ${r.robots} | ${r.readyTasks} | ${r.busyShare * 100} % | ${r.facilityNodes} | ${r.firstMs} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.assigned} | ${r.degraded ? 'yes (greedy)' : 'no'} |`);
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
