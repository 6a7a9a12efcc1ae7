import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT_PACKAGE = 'opiekun';

/**
 * The monorepo root, found by walking up from this file, so default paths work both from `robot-sim/src` (ts) and
 * from `dist/robot-sim/src` (built), whatever the working directory.
 */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isRootManifest(manifest)) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

function isRootManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === ROOT_PACKAGE;
  } catch {
    return false;
  }
}
