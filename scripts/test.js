// `npm test`: every check and every test layer, on a fresh clone. Installs and builds first (e2e tests run the
// built api and simulator as real processes), then type-checks, lints, checks layer boundaries, and runs the tests.
//
// On two cores the suite is mostly waiting (e2e tests drive real processes on virtual clocks), so independent steps
// overlap: the static checks run side by side with the dashboard's component tests, and the e2e tests (one at a time,
// their output streamed) run beside the unit and medium tests (their output shown when they finish). Every test uses
// its own loopback ports, temporary directories and robot serials, so the two jest runs cannot meet. Two e2e files at
// once were tried: under a loaded machine an api process then took over 20 s to start, so they stay one at a time.
// `npm test -- --serial` runs everything one after the other, as before (for a machine with one core).
const { spawn } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const { Buffer } = require('node:buffer');
const { join } = require('node:path');
const { ensureInstalled, build, root } = require('./ensure-installed');

const bin = (path) => join(root, 'node_modules', path);

/**
 * Runs a command; `buffered` keeps its output and prints it in one piece when it ends (several at once stay
 * readable), otherwise it goes straight to the terminal. Resolves with the exit status.
 */
function run(title, args, { buffered }) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (!buffered) console.log(`\n=== ${title}`);
    const child = spawn(process.execPath, args, { cwd: root, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks = [];
    if (buffered) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (buffered) {
        console.log(`\n=== ${title} (${seconds} s, ${status === 0 ? 'ok' : `failed: exit ${status}`})`);
        process.stdout.write(Buffer.concat(chunks));
      } else console.log(`=== ${title}: ${seconds} s, ${status === 0 ? 'ok' : `failed: exit ${status}`}`);
      resolve(status);
    });
  });
}

/** Counts from a jest or vitest JSON report; a missing report counts as one failure. */
function counts(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests };
  } catch {
    console.error(`no results in ${file}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

/** A jest run of some projects; `--passWithNoTests` so that `npm test -- <pattern>` may match only one of the runs. */
function jestArgs(projects, results, extraArgs, workers) {
  rmSync(results, { force: true });
  const parallel = workers > 1 ? [`--maxWorkers=${workers}`] : ['--runInBand'];
  return [bin('jest/bin/jest.js'), '--selectProjects', ...projects, '--json', `--outputFile=${results}`, '--passWithNoTests', ...parallel, ...extraArgs];
}

async function main() {
  const serial = process.argv.includes('--serial');
  const extraArgs = process.argv.slice(2).filter((a) => a !== '--serial');
  try {
    ensureInstalled();
    build();
  } catch (error) {
    console.error(`\n${error.message}`);
    console.log('\ntests: 0 passed, 1 failed');
    process.exit(1);
  }
  const artifacts = join(root, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const files = { vitest: join(artifacts, 'vitest-results.json'), fast: join(artifacts, 'jest-unit-medium-results.json'), e2e: join(artifacts, 'jest-e2e-results.json') };
  rmSync(files.vitest, { force: true });

  const checks = [
    ['typecheck', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
    ['typecheck dashboard', [bin('typescript/bin/tsc'), '--noEmit', '-p', 'apps/dashboard/tsconfig.json']],
    ['lint', [bin('eslint/bin/eslint.js'), '.']],
    ['layer boundaries and cycles', [bin('dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.js', 'apps', 'libs', 'robot-sim']],
  ];
  const vitest = ['vitest: dashboard components', [bin('vitest/vitest.mjs'), 'run', '--config', 'apps/dashboard/vite.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${files.vitest}`]];
  const fast = ['jest: unit and medium', jestArgs(['unit', 'medium'], files.fast, extraArgs, 1)];
  const e2e = ['jest: e2e (one at a time)', jestArgs(['e2e'], files.e2e, extraArgs, 1)];

  const all = async (steps) => (serial ? sequence(steps) : Promise.all(steps.map(([title, args]) => run(title, args, { buffered: true }))));
  const sequence = async (steps) => {
    const statuses = [];
    for (const [title, args] of steps) statuses.push(await run(title, args, { buffered: false }));
    return statuses;
  };

  const checkStatuses = await all([...checks, vitest]);
  if (checkStatuses.slice(0, checks.length).some((s) => s !== 0)) {
    console.log('\ntests: 0 passed, 1 failed (a static check failed, see above)');
    process.exit(1);
  }
  const vitestStatus = checkStatuses[checks.length];
  const [e2eStatus, fastStatus] = serial
    ? await sequence([e2e, fast])
    : await Promise.all([run(e2e[0], e2e[1], { buffered: false }), run(fast[0], fast[1], { buffered: true })]);

  const total = [files.vitest, files.fast, files.e2e].map(counts).reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(vitestStatus || fastStatus || e2eStatus || (total.failed > 0 ? 1 : 0));
}

main();
