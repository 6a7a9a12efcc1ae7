import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { commandLine, numericOption } from './cli/numeric-option';
import { repoRoot } from './cli/repo-root';
import { generateWorld } from './generate/generate-world';

const USAGE = `Usage: npm run bench:gen -- --robots N --floors F --tasks-per-hour R --seed S [--hours H] [--out DIR]

Writes a generated facility and a shift scenario on it (the formats of assets/facilities and assets/scenarios) to DIR
(default artifacts/bench) and prints the bench command that replays them.`;

function main(argv: readonly string[]): number {
  const parsed = commandLine(
    argv,
    { robots: { type: 'string' }, floors: { type: 'string' }, 'tasks-per-hour': { type: 'string' }, seed: { type: 'string' }, hours: { type: 'string' }, out: { type: 'string' } },
    USAGE,
    (values) => ({
      spec: {
        robots: numericOption(values, 'robots', 10, { min: 1, max: 5_000, whole: true }),
        floors: numericOption(values, 'floors', 3, { min: 2, max: 100, whole: true }),
        tasksPerHour: numericOption(values, 'tasks-per-hour', 60, { min: 0.1, max: 100_000 }),
        seed: numericOption(values, 'seed', 1, { min: 0, max: 2 ** 31 - 1, whole: true }),
        hours: numericOption(values, 'hours', 8, { min: 0.1, max: 168 }),
      },
      out: values.out as string | undefined,
    }),
  );
  if ('exit' in parsed) return parsed.exit;
  const { spec } = parsed.options;
  const root = repoRoot();
  try {
    const { facility, scenario } = generateWorld(spec);
    const out = parsed.options.out ?? join(root, 'artifacts/bench');
    mkdirSync(out, { recursive: true });
    const facilityFile = join(out, `${facility.id as string}.facility.json`);
    const scenarioFile = join(out, `${scenario.id as string}.scenario.json`);
    writeFileSync(facilityFile, JSON.stringify(facility, null, 1));
    writeFileSync(scenarioFile, JSON.stringify(scenario, null, 1));
    console.log(`facility  ${relative(process.cwd(), facilityFile)}\nscenario  ${relative(process.cwd(), scenarioFile)} (${(scenario.tasks as unknown[]).length} tasks, ${spec.robots} robots)`);
    console.log(`replay:   npm run bench -- --facility ${relative(root, facilityFile)} --scenario ${relative(root, scenarioFile)}`);
    return 0;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

process.exit(main(process.argv.slice(2)));
