import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFacility } from '../facility/facility-loader';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { createTask } from '../task/task-factory';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { scenarioTaskInput } from './scenario';
import { loadScenario } from './scenario-loader';

const assets = path.resolve(__dirname, '../../../../assets');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(assets, file), 'utf8'));
const small = loadFacility(smallFacilityJson());

function smallScenario(): { [k: string]: unknown; robots: Record<string, unknown>[]; tasks: Record<string, unknown>[] } {
  return {
    id: 'tiny',
    facility: 'small',
    start: '2026-11-23T07:00:00+01:00',
    durationS: 3600,
    seed: 1,
    robots: [{ manufacturer: 'T', serialNumber: 'S1', model: 'carrier', actions: ['pick', 'drop'], start: 'Q0', speed: 1, battery: 80 }],
    tasks: [
      { id: 'a', at: 10, type: 'meal', priority: 'routine', requires: ['pick', 'drop'], deadlineS: 600, serviceS: 20, from: 'K', to: 'R1', pickAction: 'pick', dropAction: 'drop' },
      { id: 'b', at: 20, type: 'vitals', priority: 'stat', requires: ['measureVitals'], deadlineS: 300, serviceS: 60, atNode: 'R2', action: 'measureVitals' },
    ],
  };
}

function problemsOf(json: unknown): readonly string[] {
  try {
    loadScenario(json, small);
  } catch (e) {
    expect((e as DomainError).code).toBe(DomainErrorCode.ScenarioInvalid);
    return (e as DomainError).details ?? [];
  }
  throw new Error('expected the scenario to be refused');
}

type Json = ReturnType<typeof smallScenario>;

describe('loadScenario', () => {
  it('loads the demo day, and every task of it is a valid task', () => {
    const facility = loadFacility(readJson('facilities/mco-demo.json'));
    const scenario = loadScenario(readJson('scenarios/demo-day.json'), facility);
    expect(scenario.robots).toHaveLength(6);
    expect(scenario.tasks).toHaveLength(499);
    expect(scenario.startMs).toBe(Date.parse('2026-11-23T06:00:00Z'));
    for (const task of scenario.tasks) {
      const { at, input } = scenarioTaskInput(scenario, task);
      expect(createTask(input, { id: task.id, now: at, facility }).task.status).toBe('ready');
    }
  });

  it('turns a scenario task into a task input due deadlineS after it is raised', () => {
    const scenario = loadScenario(smallScenario(), small);
    const { at, input } = scenarioTaskInput(scenario, scenario.tasks[1]!);
    expect(at).toBe(Date.parse('2026-11-23T06:00:20Z'));
    expect(input).toMatchObject({ atNode: 'R2', action: 'measureVitals', deadline: at + 300_000, serviceS: 60, priority: 'stat' });
  });

  it.each<[string, (j: Json) => void, string]>([
    ['a task at an unknown node', (j) => (j.tasks[0]!.to = 'R9'), 'task #0 (a): to: unknown node "R9"'],
    ['a robot starting nowhere', (j) => (j.robots[0]!.start = 'nowhere'), 'robot #0 (S1): start: unknown node "nowhere"'],
    ['an unknown priority', (j) => (j.tasks[1]!.priority = 'soon'), 'task #1 (b): priority must be one of routine, urgent, asap, stat (got "soon")'],
    ['another facility', (j) => (j.facility = 'mco-demo'), 'scenario: facility "mco-demo" is not the loaded facility "small"'],
    ['a start without offset', (j) => (j.start = '2026-11-23T07:00:00'), 'scenario: start must be an ISO time with an offset'],
    ['a battery over 100', (j) => (j.robots[0]!.battery = 101), 'robot #0 (S1): battery must be at most 100'],
    ['a zero speed', (j) => (j.robots[0]!.speed = 0), 'speed must be positive'],
    ['the same robot twice', (j) => j.robots.push({ ...j.robots[0]! }), 'robot id "T:S1" is used more than once'],
    ['the same task twice', (j) => j.tasks.push({ ...j.tasks[0]! }), 'task id "a" is used more than once'],
    ['a task after the shift', (j) => (j.tasks[0]!.at = 4000), 'task #0 (a): at must be at most 3600'],
    ['a task of both kinds', (j) => (j.tasks[0]!.atNode = 'R1'), 'task #0 (a): must be either a transport'],
    ['a transport to where it starts', (j) => (j.tasks[0]!.to = j.tasks[0]!.from), 'task #0 (a): to is the same node as from'],
    ['a visit without action', (j) => delete j.tasks[1]!.action, 'task #1 (b): action must be a non-empty string (missing)'],
  ])('refuses %s', (_what, spoil, expected) => {
    const json = smallScenario();
    spoil(json);
    expect(problemsOf(json)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
