import { DomainError, DomainErrorCode } from '../shared/domain-error';

/**
 * Chain of custody of one medication delivery. The log is append-only; the state is what its steps add up to:
 *
 *   awaiting-load ─loaded→ in-transit ─arrived→ awaiting-handover ─received→ handed-over
 *                                               └─handover-missed→ returning ─returned→ returned
 *
 * A returned load may go out again (the ward hands the task back to the fleet): `loaded` starts the next round.
 *
 * `loaded`, `received` and `returned` are acts of a person and only a nurse may do them (Opiekun records only a
 * nurse as giving or receiving medication); `arrived` is the robot's, `handover-missed` the system's.
 */
export const CUSTODY_STATES = ['awaiting-load', 'in-transit', 'awaiting-handover', 'handed-over', 'returning', 'returned'] as const;
export type CustodyState = (typeof CUSTODY_STATES)[number];

export const CUSTODY_STEPS = ['loaded', 'arrived', 'received', 'handover-missed', 'returned'] as const;
export type CustodyStepKind = (typeof CUSTODY_STEPS)[number];

/** How a person's step was confirmed: on the robot (PIN or badge, reported by the robot) or on the dashboard. */
export type CustodyVia = 'robot' | 'dashboard' | 'system';

export interface CustodyEntry {
  /** The delivery (medication task) this custody log belongs to. */
  readonly taskId: string;
  readonly step: CustodyStepKind;
  /** Epoch ms. */
  readonly at: number;
  /** Where: the facility node. */
  readonly nodeId: string;
  /** The nurse who loaded, received or took back the medication. */
  readonly staffId?: string;
  /** The robot that carried it. */
  readonly robotId?: string;
  readonly via: CustodyVia;
  readonly detail?: string;
}

/** The role that may give or receive medication; anyone else is refused. */
export const CUSTODY_ROLE = 'nurse';

const MOVES: Readonly<Record<CustodyStepKind, { from: readonly CustodyState[]; to: CustodyState; person: boolean }>> = {
  loaded: { from: ['awaiting-load', 'returned'], to: 'in-transit', person: true },
  arrived: { from: ['in-transit'], to: 'awaiting-handover', person: false },
  received: { from: ['awaiting-handover'], to: 'handed-over', person: true },
  'handover-missed': { from: ['awaiting-handover'], to: 'returning', person: false },
  returned: { from: ['returning'], to: 'returned', person: true },
};

/** What the log adds up to (entries in the order they were recorded). */
export function custodyState(entries: readonly CustodyEntry[]): CustodyState {
  return entries.reduce<CustodyState>((_, entry) => MOVES[entry.step].to, 'awaiting-load');
}

export function canRecord(state: CustodyState, step: CustodyStepKind): boolean {
  return MOVES[step].from.includes(state);
}

/** Who is taking a custody step, when a person is. */
export interface CustodyActor {
  readonly staffId: string;
  readonly role: string;
}

/**
 * The entry a step adds to the log, checked against the state and the rules: a person's step needs a nurse, a
 * robot's or the system's names no one.
 * @throws DomainError CareConflict (not the step this delivery is at), Forbidden (not a nurse), InvalidArgument
 */
export function recordCustody(
  entries: readonly CustodyEntry[],
  step: CustodyStepKind,
  input: { taskId: string; now: number; nodeId: string; via: CustodyVia; actor?: CustodyActor; robotId?: string; detail?: string },
): CustodyEntry {
  const state = custodyState(entries);
  if (!canRecord(state, step)) {
    throw new DomainError(DomainErrorCode.CareConflict, `medication of task ${input.taskId} is ${state}: cannot record ${step}`, 'custody');
  }
  const move = MOVES[step];
  if (move.person && !input.actor) throw new DomainError(DomainErrorCode.InvalidArgument, `${step} needs the nurse who did it`, 'staffId');
  if (!move.person && input.actor) throw new DomainError(DomainErrorCode.InvalidArgument, `${step} is not a person's act`, 'staffId');
  if (input.actor && input.actor.role !== CUSTODY_ROLE) {
    throw new DomainError(DomainErrorCode.Forbidden, `only a nurse gives or receives medication (${input.actor.staffId} is ${input.actor.role})`, 'role');
  }
  return {
    taskId: input.taskId,
    step,
    at: input.now,
    nodeId: input.nodeId,
    via: input.via,
    ...(input.actor ? { staffId: input.actor.staffId } : {}),
    ...(input.robotId ? { robotId: input.robotId } : {}),
    ...(input.detail ? { detail: input.detail } : {}),
  };
}

/** When the handover of a delivery waiting at the room is overdue (epoch ms), or undefined when it is not waiting. */
export function handoverDueAt(entries: readonly CustodyEntry[], limitMs: number): number | undefined {
  if (custodyState(entries) !== 'awaiting-handover') return undefined;
  const arrived = [...entries].reverse().find((e) => e.step === 'arrived');
  return arrived ? arrived.at + limitMs : undefined;
}

export function isHandoverOverdue(entries: readonly CustodyEntry[], limitMs: number, now: number): boolean {
  const due = handoverDueAt(entries, limitMs);
  return due !== undefined && now >= due;
}

/**
 * A robot's trigger result naming who confirmed on the robot: `staff:<id>` (a PIN or badge the robot checked, like
 * the RFID read VDA 5050 gives as the example of `resultDescription`). Anything else names nobody.
 */
export function staffOfTriggerResult(result: string | undefined): string | undefined {
  const match = /^staff:([^\s]+)$/.exec(result?.trim() ?? '');
  return match ? match[1] : undefined;
}
