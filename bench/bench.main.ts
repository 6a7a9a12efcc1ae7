import { join } from 'node:path';
import { BENCH_USAGE, parseBenchArgs } from './cli/bench-options';
import { loadInputs } from './cli/load-inputs';
import { repoRoot } from './cli/repo-root';
import { lowerBound } from './metrics/lower-bound';
import { shiftMetrics, type ShiftMetrics } from './metrics/shift-metrics';
import { buildReport, formatTable } from './report/bench-report';
import { replayShift } from './world/shift-replay';
import { BASELINES, DEFAULT_POLICY, POLICIES } from './world/policies';

/** `npm run bench`: replays one shift per policy, in this process, and prints the comparison. */
async function main(argv: readonly string[]): Promise<number> {
  const root = repoRoot();
  const known = Object.keys(POLICIES);
  const args = parseBenchArgs(argv, { facilityFile: join(root, 'assets/facilities/mco-demo.json'), scenarioFile: join(root, 'assets/scenarios/demo-day.json') }, known);
  if (args.kind === 'help') {
    console.log(BENCH_USAGE.replace('POLICIES', known.join(', ')));
    return 0;
  }
  if (args.kind === 'error') {
    console.error(`${args.message}\n\n${BENCH_USAGE.replace('POLICIES', known.join(', '))}`);
    return 2;
  }
  const options = args.options;
  const inputs = loadInputs(options.facilityFile, options.scenarioFile);
  const seed = options.seed ?? inputs.scenario.seed;
  const names = [...new Set([...options.policies, ...BASELINES])];
  const results = new Map<string, ShiftMetrics>();
  for (const name of names) {
    if (!options.json) process.stderr.write(`replaying ${inputs.scenario.id} with ${name}…\n`);
    const result = await replayShift({ ...inputs, policy: POLICIES[name]!(), seed, graceS: options.graceS, heartbeatMs: options.heartbeatMs });
    if (result.errors.length > 0) process.stderr.write(`${name}: ${result.errors.length} error(s), first: ${result.errors[0]}\n`);
    results.set(name, shiftMetrics(result, inputs.scenario.tasks.length));
  }
  const scenario = { id: inputs.scenario.id, facility: inputs.facility.id, tasks: inputs.scenario.tasks.length, robots: inputs.scenario.robots.length, seed };
  const report = buildReport(scenario, results, lowerBound(inputs.scenario, inputs.facility), names.includes(DEFAULT_POLICY) ? DEFAULT_POLICY : names[0]!);
  console.log(options.json ? JSON.stringify(report, null, 2) : formatTable(report));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
