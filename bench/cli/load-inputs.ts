import { readFileSync } from 'node:fs';
import { loadFacility, loadScenario, type Facility, type Scenario } from '@opiekun/domain';
import { loadFacility as loadSimFacility, type SimFacility } from '@opiekun/robot-sim';

export interface BenchInputs {
  readonly facility: Facility;
  readonly simFacility: SimFacility;
  readonly scenario: Scenario;
}

/** Reads and validates both files; a bad file throws with every problem named. */
export function loadInputs(facilityFile: string, scenarioFile: string): BenchInputs {
  const facility = loadFacility(readJson(facilityFile));
  const scenario = loadScenario(readJson(scenarioFile), facility);
  return { facility, simFacility: loadSimFacility(facilityFile), scenario };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}
