import { custodyState, type CustodyEntry, type Robot, type Task } from '@opiekun/domain';
import type { CustodyStore } from '../ports/custody-store.port';
import type { Mission, MissionAction } from '../ports/robot-link.port';
import { MissionFactory } from './mission-factory';
import type { StaffHold } from './task-failover';

/** Which tasks travel under custody, and how long a nurse has to take a delivery at the room. */
export interface CustodyOptions {
  /** Task types whose load is medication: loaded and handed over only by a nurse (default `medication`). */
  readonly taskTypes: readonly string[];
  /** No handover within this long after the robot arrived → escalation, and the load goes back. */
  readonly handoverTimeoutMs: number;
}

export const DEFAULT_CUSTODY_OPTIONS: CustodyOptions = { taskTypes: ['medication'], handoverTimeoutMs: 10 * 60_000 };

/** The task that takes an undelivered load back to the pharmacy (`returnTaskId`). */
export const RETURN_TASK_TYPE = 'medication-return';
export const RETURN_SUFFIX = '~return';
const RETURN_ID = /^(.+)~return(?:-([2-9]|[1-9]\d+))?$/;

/**
 * The id of the task that takes the load of the delivery's `round`-th missed handover back: `<delivery>~return`, then
 * `<delivery>~return-2`… (a delivery the ward handed back to the fleet, loaded again and again not taken).
 */
export function returnTaskId(deliveryId: string, round: number): string {
  return round <= 1 ? `${deliveryId}${RETURN_SUFFIX}` : `${deliveryId}${RETURN_SUFFIX}-${round}`;
}

/** `triggerType` of the robot's waitForTrigger at each custody stop. */
export const TRIGGERS = { load: 'custodyLoad', handover: 'custodyHandover', return: 'custodyReturn' } as const;
export type CustodyTrigger = keyof typeof TRIGGERS;

export function deliveryOfReturn(taskId: string): string | undefined {
  return RETURN_ID.exec(taskId)?.[1];
}

/** The delivery whose custody log a task's steps go to: the delivery itself, or the one a return takes back. */
export function custodyLogId(taskId: string): string {
  return deliveryOfReturn(taskId) ?? taskId;
}

/** How many times the delivery's handover was missed: its last return is `returnTaskId(delivery, returnRounds(…))`. */
export function returnRounds(entries: readonly Pick<CustodyEntry, 'step'>[]): number {
  return entries.filter((e) => e.step === 'handover-missed').length;
}

/**
 * Whether tasks of this type carry medication. Types are compared without regard to case: a task raised as
 * "Medication" is a medication delivery to any reader, and must not travel outside custody for its spelling.
 */
export function isCustodyType(type: string, options: Pick<CustodyOptions, 'taskTypes'>): boolean {
  const wanted = type.toLowerCase();
  return options.taskTypes.some((t) => t.toLowerCase() === wanted);
}

export function isCustodyTask(task: Pick<Task, 'type'>, options: CustodyOptions): boolean {
  return isCustodyType(task.type, options) || task.type === RETURN_TASK_TYPE;
}

/**
 * Why an unfinished attempt of `robotId` at this delivery must go to staff rather than to another robot, as the
 * custody log says (undefined when it may go on): the robot named last has the medication on board (loaded, arrived,
 * on its way back) — another robot would wait at the pharmacy for a load already given — or a nurse already received
 * it from this robot, so another robot would deliver it twice.
 */
export async function custodyHold(log: CustodyStore, task: Pick<Task, 'id' | 'type'>, robotId: string, options: CustodyOptions): Promise<StaffHold | undefined> {
  if (!isCustodyTask(task, options)) return undefined;
  const entries = await log.list(custodyLogId(task.id));
  const state = custodyState(entries);
  // the medication is at the pharmacy: the robot carries none of it, whatever it reports (or not) of its loads
  if (state === 'awaiting-load' || state === 'returned') return { loadOnBoard: false };
  if ([...entries].reverse().find((entry) => entry.robotId !== undefined)?.robotId !== robotId) return undefined;
  if (state === 'in-transit' || state === 'awaiting-handover' || state === 'returning') {
    return { reason: `it carries ${task.type}, which must not be left: a person is needed where the robot was`, loadOnBoard: true };
  }
  if (state === 'handed-over') return { reason: 'a nurse already received the medication from it: staff check and close the delivery', loadOnBoard: false };
  return undefined;
}

/**
 * Why a medication delivery the ward wants to hand back to the fleet cannot go (undefined: it can): a robot would be
 * sent to load it at the pharmacy, so the medication must be there — never loaded, or taken back (`returned`). On a
 * robot, at a room or with a nurse, a robot waiting at the pharmacy would wait for a load that is elsewhere.
 */
export async function custodyHandBackRefusal(log: CustodyStore, task: Pick<Task, 'id' | 'type'>, options: CustodyOptions): Promise<string | undefined> {
  if (!isCustodyTask(task, options)) return undefined;
  // a return is the load's way back on the robot that has it: no other robot can take it over
  if (task.type === RETURN_TASK_TYPE) return `task ${task.id} takes medication back on the robot that carries it: it cannot go to another robot; a nurse takes the load out of that robot`;
  const state = custodyState(await log.list(custodyLogId(task.id)));
  if (state === 'awaiting-load' || state === 'returned') return undefined;
  return `the ${task.type} of task ${task.id} is not at the pharmacy (custody: ${state}): it can go back to the fleet once a nurse has taken it back there`;
}

/**
 * The robot waits for a person at every custody stop: a VDA 5050 `waitForTrigger` (§6.8, node action, HARD) before the
 * stop's own action — at the pharmacy before `pick`, at the room before the drop action (the locked drawer opens
 * only after it), at the pharmacy again before the return's drop. The robot's trigger is a nurse's PIN or badge on
 * the robot; the dashboard releases it with the `releaseTrigger` instant action. The timeout is ours (the spec makes
 * master control responsible for it).
 */
export function withCustodyTriggers(mission: Mission, task: Task): Mission {
  const stops: { node: string; trigger: CustodyTrigger; action: string }[] =
    task.spec.kind === 'transport'
      ? [
          { node: task.spec.from, trigger: 'load', action: task.spec.pickAction },
          { node: task.spec.to, trigger: 'handover', action: task.spec.dropAction },
        ]
      : task.spec.kind === 'visit'
        ? [{ node: task.spec.atNode, trigger: 'return', action: task.spec.action }]
        : [];
  const done = new Set<CustodyTrigger>();
  const nodes = mission.nodes.map((node, n) => {
    const stop = stops.find((s) => !done.has(s.trigger) && s.node === node.nodeId && node.actions.some((a) => a.type === s.action));
    if (!stop) return node;
    done.add(stop.trigger);
    const wait: MissionAction = { id: `${mission.id}/${n}.w-waitForTrigger`, type: 'waitForTrigger', parameters: { triggerType: TRIGGERS[stop.trigger] } };
    return { ...node, actions: [wait, ...node.actions] };
  });
  return { ...mission, nodes };
}

/** The custody stop a waitForTrigger action of ours stands for, from its parameters in the mission. */
export function triggerOf(mission: Mission, actionId: string): CustodyTrigger | undefined {
  for (const node of mission.nodes) {
    const action = node.actions.find((a) => a.id === actionId && a.type === 'waitForTrigger');
    const type = action?.parameters?.triggerType;
    if (type !== undefined) return (Object.keys(TRIGGERS) as CustodyTrigger[]).find((k) => TRIGGERS[k] === type);
  }
  return undefined;
}

/** Builds missions as usual, with custody waits on medication deliveries and their returns. */
export class CustodyMissionFactory extends MissionFactory {
  constructor(
    facility: ConstructorParameters<typeof MissionFactory>[0],
    private readonly custody: CustodyOptions,
    traffic?: ConstructorParameters<typeof MissionFactory>[1],
  ) {
    super(facility, traffic);
  }

  override forTask(task: Task, robot: Robot, now?: number): Mission {
    const mission = super.forTask(task, robot, now);
    return isCustodyTask(task, this.custody) ? withCustodyTriggers(mission, task) : mission;
  }

  override addedActions(task: Task): readonly string[] {
    return isCustodyTask(task, this.custody) ? ['waitForTrigger'] : [];
  }
}
