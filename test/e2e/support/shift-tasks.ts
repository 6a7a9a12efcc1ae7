import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ScenarioTask { type: string; from?: string; to?: string; pickAction?: string; dropAction?: string; atNode?: string; action?: string; requires: string[]; serviceS: number }

const ROOT = join(__dirname, '../../..');

/** Tasks of the demo shift without medication (custody needs a nurse at both ends); urgent, so quiet hours hold none. */
export function shiftTasks(count: number, skip = 0): Record<string, unknown>[] {
  const scenario = JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/demo-day.json'), 'utf8')) as { tasks: ScenarioTask[] };
  return scenario.tasks
    .filter((t) => t.type !== 'medication')
    .slice(skip, skip + count)
    .map(({ type, from, to, pickAction, dropAction, atNode, action, requires, serviceS }) =>
      from ? { type, priority: 'urgent', from, to, pickAction, dropAction, requires, serviceS } : { type, priority: 'urgent', atNode, action, requires, serviceS },
    );
}
