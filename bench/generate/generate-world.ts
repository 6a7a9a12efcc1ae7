import { loadFacility, loadScenario } from '@opiekun/domain';
import { deriveSeed, seededRandom } from '@opiekun/robot-sim';
import { generateFacility } from './facility-generator';
import { generateScenario } from './scenario-generator';

export interface WorldSpec {
  readonly robots: number;
  readonly floors: number;
  readonly tasksPerHour: number;
  readonly seed: number;
  readonly hours: number;
}

/** A generated facility and a scenario on it, both checked by the product's own loaders before they are returned. */
export function generateWorld(spec: WorldSpec): { facility: Record<string, unknown>; scenario: Record<string, unknown> } {
  if (spec.floors < 2) throw new Error('--floors must be at least 2 (services on the ground floor, residents above)');
  const facility = generateFacility({ floors: spec.floors, robots: spec.robots, seed: spec.seed, random: seededRandom(deriveSeed(spec.seed, 0)) });
  const scenario = generateScenario({
    facility: facility as Parameters<typeof generateScenario>[0]['facility'],
    robots: spec.robots,
    tasksPerHour: spec.tasksPerHour,
    hours: spec.hours,
    seed: spec.seed,
    random: seededRandom(deriveSeed(spec.seed, 1)),
  });
  loadScenario(scenario, loadFacility(facility));
  return { facility, scenario };
}
