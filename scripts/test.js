// `npm test`: every check and every test layer, on a fresh clone. Installs and builds first (e2e tests run the
// built api and simulator as real processes), then type-checks, lints, checks layer boundaries, and runs jest.
const { execSync, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { ensureInstalled, build, root } = require('./ensure-installed');

function step(title, command) {
  console.log(`\n=== ${title}`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

function runJest(extraArgs) {
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  const results = join(root, 'artifacts', 'jest-results.json');
  console.log('\n=== jest: unit, medium, e2e');
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'unit', 'medium', 'e2e', '--json', `--outputFile=${results}`, ...extraArgs],
    { cwd: root, stdio: 'inherit' },
  );
  let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 };
  try {
    summary = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    console.error('jest wrote no results');
  }
  return { status: run.status ?? 1, summary };
}

// The dashboard's component tests run under vitest (jsdom, the dashboard's own Vite config); their counts join jest's.
function runVitest() {
  const results = join(root, 'artifacts', 'vitest-results.json');
  rmSync(results, { force: true });
  console.log('\n=== vitest: dashboard components');
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'apps/dashboard/vite.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`],
    { cwd: root, stdio: 'inherit' },
  );
  let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 };
  try {
    summary = JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    console.error('vitest wrote no results');
    summary.numFailedTests = 1;
  }
  return { status: run.status ?? 1, summary };
}

try {
  ensureInstalled();
  build();
  step('typecheck', 'npx tsc --noEmit -p tsconfig.json');
  step('typecheck dashboard', 'npx tsc --noEmit -p apps/dashboard/tsconfig.json');
  step('lint', 'npx eslint .');
  step('layer boundaries and cycles', 'npx depcruise --config .dependency-cruiser.js apps libs robot-sim');
} catch (error) {
  console.error(`\n${error.message}`);
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
}
mkdirSync(join(root, 'artifacts'), { recursive: true });
const components = runVitest();
const jest = runJest(process.argv.slice(2));
const count = (key) => components.summary[key] + jest.summary[key];
console.log(`\ntests: ${count('numPassedTests')} passed, ${count('numFailedTests')} failed, ${count('numPendingTests')} skipped`);
process.exit(components.status || jest.status);
