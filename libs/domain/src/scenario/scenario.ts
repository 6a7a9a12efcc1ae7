import type { NewTaskInput, TaskPriority } from '../task/task';

/** A robot of a shift scenario as it stands at the start. */
export interface ScenarioRobot {
  readonly manufacturer: string;
  readonly serialNumber: string;
  readonly model?: string;
  /** VDA 5050 action types it supports (its factsheet). */
  readonly actions: readonly string[];
  /** node id */
  readonly start: string;
  /** m/s */
  readonly speed: number;
  /** percent */
  readonly battery: number;
}

/** A job raised during the shift; transport (`from`/`to`) or visit (`atNode`/`action`). */
export interface ScenarioTask {
  readonly id: string;
  /** seconds after the scenario start */
  readonly at: number;
  readonly type: string;
  readonly priority: TaskPriority;
  readonly requires: readonly string[];
  /** seconds after `at` */
  readonly deadlineS: number;
  readonly serviceS: number;
  readonly from?: string;
  readonly to?: string;
  readonly pickAction?: string;
  readonly dropAction?: string;
  readonly atNode?: string;
  readonly action?: string;
}

export interface Scenario {
  readonly id: string;
  readonly facility: string;
  /** ISO time with offset, as in the file */
  readonly start: string;
  /** `start` as epoch ms */
  readonly startMs: number;
  readonly durationS: number;
  readonly seed: number;
  readonly robots: readonly ScenarioRobot[];
  readonly tasks: readonly ScenarioTask[];
}

/** When a scenario task is raised (epoch ms) and what to pass to `createTask` then. */
export function scenarioTaskInput(scenario: Scenario, task: ScenarioTask): { at: number; input: NewTaskInput } {
  const at = scenario.startMs + task.at * 1000;
  const spec =
    task.atNode !== undefined
      ? { atNode: task.atNode, action: task.action }
      : { from: task.from, to: task.to, pickAction: task.pickAction, dropAction: task.dropAction };
  const input: NewTaskInput = {
    type: task.type,
    priority: task.priority,
    ...spec,
    requires: task.requires,
    deadline: at + task.deadlineS * 1000,
    serviceS: task.serviceS,
  };
  return { at, input };
}
