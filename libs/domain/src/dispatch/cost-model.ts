import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import { type Task, type TaskPriority } from '../task/task';
import type { DispatchConfig } from './dispatch-policy';
import type { PlanningRobot } from './fleet-state';
import { metresToNearestCharger, stopNodes } from './task-feasibility';
import { serviceSecondsOf } from './work-estimate';

/**
 * How much a second of a task's time counts, by priority. A stat task's minute weighs as much as sixteen routine
 * minutes: enough that it goes first almost always, not so much that a far robot is sent across the building to
 * save a routine task a few seconds.
 */
export const PRIORITY_WEIGHT: Readonly<Record<TaskPriority, number>> = { routine: 1, urgent: 2, asap: 4, stat: 16 };

export interface CostWeights {
  readonly priority: Readonly<Record<TaskPriority, number>>;
  /** Extra weight of every second a task is expected to finish past its deadline, times its priority weight. */
  readonly lateness: number;
  /** Seconds before the deadline from which a task counts as at risk; its cost grows linearly towards the deadline. */
  readonly deadlineRiskS: number;
  /** Seconds of cost per second of work a robot has had above the fleet's mean (fairness); 0 turns it off. */
  readonly fairness: number;
  /**
   * Seconds a task left out of this round's plan is taken to wait for the next chance. When there are more tasks than
   * robots (or than capable ones), the plan serves the tasks whose cost now is lowest against `weight × deferralS`,
   * the cost of leaving them: a heavier task is left last, and among equal ones the quicker go first.
   */
  readonly deferralS: number;
}

export const DEFAULT_COST_WEIGHTS: CostWeights = { priority: PRIORITY_WEIGHT, lateness: 10, deadlineRiskS: 300, fairness: 0.01, deferralS: 3_600 };

/** What the assignment minimises: the offer's cost less what leaving the task for later would cost. */
export function matchCost(o: Offer, facts: Pick<TaskFacts, 'weight'>, weights: CostWeights): number {
  return o.cost - facts.weight * weights.deferralS;
}

/** What the cost model needs of a task at one robot speed, computed once per round. */
export interface TaskFacts {
  readonly task: Task;
  readonly stops: readonly string[];
  readonly weight: number;
  readonly serviceS: number;
  /** Seconds and metres from any vertex to the first stop (index with the slot's vertex). */
  readonly approach: { readonly timeS: Float64Array; readonly distanceM: Float64Array };
  /** Seconds and metres from the first stop through the others. */
  readonly legsS: number;
  readonly legsM: number;
  /** Metres from the last stop to the nearest charger (0 when the facility has no charger at all). */
  readonly toChargerM: number;
}

/** A robot's place in the plan: when and where it is free, and what it will have left. */
export interface Slot {
  readonly robot: PlanningRobot;
  /** seconds from now */
  freeInS: number;
  freeAt: string;
  /** `Router.vertexOf(freeAt)` */
  vertex: number;
  /** percent, undefined when not reported */
  battery: number | undefined;
  /** seconds of work the robot has had lately, minus the fleet's mean (fairness) */
  readonly workAboveMeanS: number;
}

export interface Offer {
  readonly cost: number;
  /** seconds from now until the task would be done */
  readonly finishS: number;
  /** battery percent the work uses */
  readonly use: number;
}

/**
 * Cost of the task as the slot robot's next job, in weighted seconds; undefined when it cannot be done: no route, or
 * the battery would not last the work and the drive to a charger after it, arriving with at least the reserve
 * (capability is checked by the caller, once per robot kind).
 *
 *   cost = w·finish + lateness·w·max(0, −slack) + w·max(0, risk − max(slack, 0)) + fairness·workAboveMean
 *
 * `finish` counts the robot's current work, the drive to the first stop (elevators and their doors included) and the
 * task itself; `slack` = deadline − now − finish.
 */
export function offer(slot: Slot, facts: TaskFacts, now: number, config: Required<DispatchConfig>, weights: CostWeights): Offer | undefined {
  const finishS = feasibleFinishS(slot, facts, config);
  if (finishS === undefined) return undefined;
  const cost = costOf(facts, finishS, now, weights) + weights.fairness * slot.workAboveMeanS;
  const metres = facts.approach.distanceM[slot.vertex]! + facts.legsM;
  const use = metres * config.batteryDrainPerMeter + facts.serviceS * config.batteryDrainPerSecondWorking;
  return { cost, finishS, use };
}

/** `offer(…).cost` without building the offer: a round prices many thousands of pairs. */
export function offerCost(slot: Slot, facts: TaskFacts, now: number, config: Required<DispatchConfig>, weights: CostWeights): number | undefined {
  const finishS = feasibleFinishS(slot, facts, config);
  if (finishS === undefined) return undefined;
  return costOf(facts, finishS, now, weights) + weights.fairness * slot.workAboveMeanS;
}

/**
 * `offer(…).finishS`, or undefined when the slot's robot cannot do it (no route; its battery would not last the work
 * and the drive to a charger after it with the reserve left), without pricing it or building the offer.
 */
export function feasibleFinishS(slot: Slot, facts: TaskFacts, config: Required<DispatchConfig>): number | undefined {
  const approachS = facts.approach.timeS[slot.vertex]!;
  if (approachS === Infinity) return undefined;
  if (slot.battery !== undefined) {
    const metres = facts.approach.distanceM[slot.vertex]! + facts.legsM + facts.toChargerM;
    if (slot.battery - metres * config.batteryDrainPerMeter - facts.serviceS * config.batteryDrainPerSecondWorking < config.batteryReserve) return undefined;
  }
  return slot.freeInS + approachS + facts.legsS + facts.serviceS;
}

/** The priority- and deadline-weighted part of the cost of finishing the task `finishS` seconds from now. */
export function costOf(facts: Pick<TaskFacts, 'task' | 'weight'>, finishS: number, now: number, weights: CostWeights): number {
  const w = facts.weight;
  let cost = w * finishS;
  const deadline = facts.task.deadline;
  if (deadline !== undefined) {
    const slackS = (deadline - now) / 1000 - finishS;
    if (slackS < 0) cost += weights.lateness * w * -slackS;
    if (slackS < weights.deadlineRiskS) cost += w * (weights.deadlineRiskS - Math.max(slackS, 0));
  }
  return cost;
}

/** Facts of a task at one speed; undefined when its stops are not joined by a route. */
export function taskFacts(
  task: Task,
  facility: Facility,
  config: Required<DispatchConfig>,
  weights: CostWeights,
  speed: number,
  toChargerM: (node: string) => number = (node) => (facility.chargers().length === 0 ? 0 : metresToNearestCharger(node, speed, facility)),
): TaskFacts | undefined {
  const router = routerFor(facility);
  const stops = stopNodes(task);
  let legsS = 0;
  let legsM = 0;
  for (let i = 1; i < stops.length; i++) {
    legsS += router.travelTimeS(stops[i]!, stops[i - 1]!, speed);
    legsM += router.distanceM(stops[i]!, stops[i - 1]!, speed);
  }
  if (legsS === Infinity) return undefined;
  const last = stops[stops.length - 1]!;
  return {
    task,
    stops,
    weight: weights.priority[task.priority],
    serviceS: serviceSecondsOf(task, config),
    approach: router.costsTo(stops[0]!, speed),
    legsS,
    legsM,
    toChargerM: toChargerM(last),
  };
}
