// `npm run bench`, `bench:gen`, `bench:e2e`: installs when needed, compiles the TypeScript (swc, seconds; the
// dashboard is not needed) and runs the benchmark entry named first, passing the rest of the command line on.
const { execSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureInstalled, root } = require('./ensure-installed');

const [entry, ...args] = process.argv.slice(2);
ensureInstalled();
execSync('npx swc apps/api/src libs robot-sim/src bench -d dist --copy-files --ignore "**/*.spec.ts" --quiet', { cwd: root, stdio: 'inherit' });
const run = spawnSync(process.execPath, [join(root, 'dist/bench', `${entry}.js`), ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
