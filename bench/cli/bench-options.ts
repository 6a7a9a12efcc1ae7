import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly facilityFile: string;
  readonly scenarioFile: string;
  readonly policies: readonly string[];
  readonly json: boolean;
  readonly seed: number;
  readonly graceS: number;
  readonly heartbeatMs: number;
}

export const BENCH_USAGE = `Usage: npm run bench -- --facility FILE --scenario FILE [--policy NAME…] [--json] [--seed S]

  --facility FILE   facility map (default assets/facilities/mco-demo.json)
  --scenario FILE   shift scenario on that facility (default assets/scenarios/demo-day.json)
  --policy NAME     a policy to run (repeatable); the baselines nearest-idle and auction always run too.
                    Known: POLICIES (default: all)
  --json            print {"policies": {NAME: {metrics}}, "lowerBound": {metrics}, …} instead of the table
  --seed S          seed of the simulated robots (default: the scenario's)
  --grace-s S       simulated seconds after the shift in which running work may end (default 7200)
  --heartbeat-ms MS robots' state heartbeat in simulated ms, 0 = on change only (default 5000, as robot-sim)
  --help            show this text`;

export type BenchArgs = { kind: 'run'; options: Omit<BenchOptions, 'seed'> & { seed?: number } } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseBenchArgs(argv: readonly string[], defaults: { facilityFile: string; scenarioFile: string }, known: readonly string[]): BenchArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        facility: { type: 'string' },
        scenario: { type: 'string' },
        policy: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        seed: { type: 'string' },
        'grace-s': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const policies = (values.policy as string[] | undefined) ?? [...known];
  const unknown = policies.filter((p) => !known.includes(p));
  if (unknown.length > 0) return { kind: 'error', message: `unknown policy ${unknown.join(', ')} (known: ${known.join(', ')})` };
  const numbers: Record<string, number | undefined> = {};
  for (const key of ['seed', 'grace-s', 'heartbeat-ms']) {
    const raw = values[key] as string | undefined;
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) return { kind: 'error', message: `--${key} must be a whole number ≥ 0 (got "${raw}")` };
    numbers[key] = value;
  }
  return {
    kind: 'run',
    options: {
      facilityFile: (values.facility as string | undefined) ?? defaults.facilityFile,
      scenarioFile: (values.scenario as string | undefined) ?? defaults.scenarioFile,
      policies,
      json: values.json === true,
      seed: numbers.seed,
      graceS: numbers['grace-s'] ?? 7_200,
      heartbeatMs: numbers['heartbeat-ms'] ?? 5_000,
    },
  };
}
