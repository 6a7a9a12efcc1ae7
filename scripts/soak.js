// `npm run soak -- [--hours H] [--seed S] …`: installs when needed, builds the api and the simulator (swc, seconds;
// the dashboard is not needed) and the soak itself, then runs it. See README, "Chaos soak".
const { execSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureInstalled, root } = require('./ensure-installed');

ensureInstalled();
execSync('npx swc apps/api/src libs robot-sim/src test/soak test/e2e/support test/fixtures bench/world -d dist --copy-files --ignore "**/*.spec.ts" --quiet', { cwd: root, stdio: 'inherit' });
const run = spawnSync(process.execPath, [join(root, 'dist/test/soak/soak.main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
