import { DomainErrorCode } from '../shared/domain-error';
import { custodyState, handoverDueAt, isHandoverOverdue, recordCustody, staffOfTriggerResult, type CustodyEntry, type CustodyStepKind } from './custody';

const nurse = { staffId: 'n1', role: 'nurse' };
const carer = { staffId: 'c1', role: 'carer' };
const manager = { staffId: 'm1', role: 'manager' };

function log(...steps: [CustodyStepKind, number][]): CustodyEntry[] {
  const entries: CustodyEntry[] = [];
  for (const [step, now] of steps) {
    const person = step === 'loaded' || step === 'received' || step === 'returned';
    entries.push(recordCustody(entries, step, { taskId: 't1', now, nodeId: 'X', via: person ? 'dashboard' : 'system', ...(person ? { actor: nurse } : { robotId: 'r1' }) }));
  }
  return entries;
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('medication custody', () => {
  it.each<[CustodyStepKind[], string]>([
    [[], 'awaiting-load'],
    [['loaded'], 'in-transit'],
    [['loaded', 'arrived'], 'awaiting-handover'],
    [['loaded', 'arrived', 'received'], 'handed-over'],
    [['loaded', 'arrived', 'handover-missed'], 'returning'],
    [['loaded', 'arrived', 'handover-missed', 'returned'], 'returned'],
    [['loaded', 'arrived', 'handover-missed', 'returned', 'loaded'], 'in-transit'],
  ])('after %j the medication is %s', (steps, state) => {
    expect(custodyState(log(...steps.map((s, i): [CustodyStepKind, number] => [s, i * 1000])))).toBe(state);
  });

  it.each<[CustodyStepKind[], CustodyStepKind]>([
    [[], 'arrived'],
    [[], 'received'],
    [['loaded'], 'loaded'],
    [['loaded'], 'received'],
    [['loaded', 'arrived', 'received'], 'handover-missed'],
    [['loaded', 'arrived', 'handover-missed'], 'received'],
    [['loaded', 'arrived'], 'returned'],
  ])('after %j refuses %s', (steps, step) => {
    const entries = log(...steps.map((s, i): [CustodyStepKind, number] => [s, i]));
    const person = step === 'loaded' || step === 'received' || step === 'returned';
    expect(code(() => recordCustody(entries, step, { taskId: 't1', now: 9, nodeId: 'X', via: 'system', ...(person ? { actor: nurse } : {}) }))).toBe(
      DomainErrorCode.CareConflict,
    );
  });

  it('records only a nurse as loading or receiving medication', () => {
    const entries = log(['loaded', 0], ['arrived', 1]);
    expect(code(() => recordCustody(entries, 'received', { taskId: 't1', now: 2, nodeId: 'R1', via: 'dashboard', actor: carer }))).toBe(DomainErrorCode.Forbidden);
    expect(code(() => recordCustody(entries, 'received', { taskId: 't1', now: 2, nodeId: 'R1', via: 'dashboard', actor: manager }))).toBe(DomainErrorCode.Forbidden);
    expect(code(() => recordCustody([], 'loaded', { taskId: 't1', now: 2, nodeId: 'P', via: 'robot', actor: carer }))).toBe(DomainErrorCode.Forbidden);
    expect(code(() => recordCustody(entries, 'received', { taskId: 't1', now: 2, nodeId: 'R1', via: 'robot' }))).toBe(DomainErrorCode.InvalidArgument);
    expect(recordCustody(entries, 'received', { taskId: 't1', now: 2, nodeId: 'R1', via: 'robot', actor: nurse, robotId: 'r1' })).toEqual({
      taskId: 't1',
      step: 'received',
      at: 2,
      nodeId: 'R1',
      via: 'robot',
      staffId: 'n1',
      robotId: 'r1',
    });
  });

  it('names no person on the robot’s and the system’s steps', () => {
    expect(code(() => recordCustody(log(['loaded', 0]), 'arrived', { taskId: 't1', now: 1, nodeId: 'R1', via: 'robot', actor: nurse }))).toBe(
      DomainErrorCode.InvalidArgument,
    );
  });

  it('is overdue the time limit after the robot arrived, and only while it waits', () => {
    const waiting = log(['loaded', 0], ['arrived', 10_000]);
    expect(handoverDueAt(waiting, 60_000)).toBe(70_000);
    expect(isHandoverOverdue(waiting, 60_000, 69_999)).toBe(false);
    expect(isHandoverOverdue(waiting, 60_000, 70_000)).toBe(true);
    expect(isHandoverOverdue(log(['loaded', 0], ['arrived', 10_000], ['received', 20_000]), 60_000, 1e9)).toBe(false);
    expect(isHandoverOverdue(log(['loaded', 0]), 60_000, 1e9)).toBe(false);
  });

  it('reads who confirmed on the robot from its trigger result', () => {
    expect(staffOfTriggerResult('staff:n1')).toBe('n1');
    expect(staffOfTriggerResult(' staff:n1 ')).toBe('n1');
    expect(staffOfTriggerResult('staff:')).toBeUndefined();
    expect(staffOfTriggerResult('pin ok')).toBeUndefined();
    expect(staffOfTriggerResult(undefined)).toBeUndefined();
  });
});
