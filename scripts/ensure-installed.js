// Installs dependencies when node_modules is missing or older than the lock file, so `npm start` and `npm test`
// work on a fresh clone. Uses only Node built-ins: it runs before anything is installed.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
  const nativeMissing = !existsSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  if (stale || nativeMissing) {
    console.log('Installing dependencies (better-sqlite3 compiles from source, about 3 minutes the first time)…');
    // `npm install`: the lock file pins every version, and it keeps an existing node_modules (npm ci would delete it
    // and compile better-sqlite3 again). `npm ci` works too, for a CI that wants it.
    execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  }
}

function build() {
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureInstalled, build, root };
