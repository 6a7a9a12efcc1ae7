import type { Facility } from '../facility/facility-graph';
import type { Task } from '../task/task';
import type { DispatchConfig, DispatchRobot, RobotWorkload } from './dispatch-policy';
import { estimateRemainingWork } from './work-estimate';

/** One robot during a planning round; the round books work on it as it assigns or reserves. */
export interface PlanningRobot {
  readonly robot: DispatchRobot;
  /** Online, in service, no FATAL error, not paused, at a known node, not on a charge trip. */
  readonly available: boolean;
  /** No work now (it may be charging). */
  freeNow: boolean;
  /** Seconds until it is free. */
  freeInS: number;
  /** Node it will be at when free. */
  freeAt: string;
  /** Charger it stands at or drives to, which no other robot may be sent to. */
  readonly holdsCharger?: string;
}

export function planningFleet(
  robots: readonly DispatchRobot[],
  tasks: readonly Task[],
  facility: Facility,
  config: DispatchConfig,
  /** tasksOfRobots(robots, tasks), when the caller has it already. */
  taskById: Map<string, Task> = tasksOfRobots(robots, tasks),
): PlanningRobot[] {
  return robots.map((robot) => planningRobot(robot, taskById, facility, config));
}

/**
 * The tasks robots report as their current one, by id (the last copy of an id given twice). One pass that keeps only
 * those: a round at scale sees thousands of tasks and a fleet's worth of current ones, and indexing every task each
 * round (a map of thousands, rebuilt) was a tenth of a re-plan.
 */
export function tasksOfRobots(robots: readonly Pick<DispatchRobot, 'currentTaskId'>[], tasks: readonly Task[]): Map<string, Task> {
  const byId = new Map<string, Task>();
  const wanted = new Set<string>();
  for (const robot of robots) if (robot.currentTaskId !== undefined) wanted.add(robot.currentTaskId);
  if (wanted.size === 0) return byId;
  for (const task of tasks) if (wanted.has(task.id)) byId.set(task.id, task);
  return byId;
}

/**
 * Seconds a robot that is still moving or acting without any order of ours (typically finishing a cancelOrder, which
 * stops at the next node) is taken to need before it can take an order: it is planned as busy that long, so no order
 * reaches it while it would have to refuse one.
 */
export const SETTLE_S = 10;

function planningRobot(robot: DispatchRobot, tasks: Map<string, Task>, facility: Facility, config: DispatchConfig): PlanningRobot {
  const workload = robot.workload ?? guessWorkload(robot, tasks, facility, config) ?? settlingWorkload(robot);
  const onChargeTrip = workload?.kind === 'charge' || (robot.missionId !== undefined && robot.currentTaskId === undefined);
  const busy = workload?.kind === 'task' || robot.currentTaskId !== undefined;
  // (where it will be free must be a node of the building too: a task's stop the facility file no longer has is not)
  const known = robot.lastNodeId !== undefined && facility.hasNode(robot.lastNodeId) && (workload?.endNode === undefined || facility.hasNode(workload.endNode));
  const available = isOperational(robot) && known && !onChargeTrip && (!busy || workload !== undefined);
  return {
    robot,
    available,
    freeNow: available && !busy,
    freeInS: busy && workload ? workload.remainingS : 0,
    freeAt: (busy && workload?.endNode) || robot.lastNodeId || '',
    holdsCharger: chargerHeldBy(robot, workload, facility),
  };
}

/** Modes in which a vehicle takes orders from master control (VDA 5050 §6.10.6; undefined: not reported yet). */
const ORDER_MODES: ReadonlySet<string | undefined> = new Set([undefined, 'AUTOMATIC', 'SEMIAUTOMATIC']);

/**
 * Could work if it had something to do: what the fleet's own flags say, position aside — online, in service, not
 * paused, no FATAL error, in a mode that takes orders (not MANUAL, SERVICE or TEACHIN) and no emergency stop.
 */
export function isOperational(robot: Pick<DispatchRobot, 'connection' | 'inService' | 'paused' | 'speed' | 'errors' | 'operatingMode' | 'safetyStop'>): boolean {
  return (
    robot.connection === 'ONLINE' &&
    robot.inService &&
    !robot.paused &&
    robot.speed > 0 &&
    !robot.errors.some((e) => e.level === 'FATAL') &&
    ORDER_MODES.has(robot.operatingMode) &&
    robot.safetyStop !== true
  );
}

/** Settling: no task, no order, yet driving or acting (see SETTLE_S). */
export function isSettling(robot: DispatchRobot): boolean {
  return robot.currentTaskId === undefined && robot.missionId === undefined && (robot.driving || robot.working);
}

function settlingWorkload(robot: DispatchRobot): RobotWorkload | undefined {
  return isSettling(robot) && robot.lastNodeId !== undefined ? { kind: 'task', remainingS: SETTLE_S, endNode: robot.lastNodeId } : undefined;
}

/**
 * What a robot busy with its task has left, from the task. None for a task on hold with it (a delivery waiting at the
 * room for a nurse to take it: how long is up to a person, up to the handover's timeout): the robot is then not planned
 * at all, as one whose work is unknown, rather than as free once a stop's service is over — else work near it would wait
 * for it, round after round, as long as the person does not come.
 */
function guessWorkload(robot: DispatchRobot, tasks: Map<string, Task>, facility: Facility, config: DispatchConfig): RobotWorkload | undefined {
  const task = robot.currentTaskId === undefined ? undefined : tasks.get(robot.currentTaskId);
  return task && task.status !== 'on-hold' ? estimateRemainingWork(robot, task, facility, config) : undefined;
}

function chargerHeldBy(robot: DispatchRobot, workload: RobotWorkload | undefined, facility: Facility): string | undefined {
  if (workload?.kind === 'charge') return workload.endNode;
  const at = robot.lastNodeId === undefined ? undefined : facility.findNode(robot.lastNodeId);
  return at?.kind === 'charger' ? at.id : undefined;
}
