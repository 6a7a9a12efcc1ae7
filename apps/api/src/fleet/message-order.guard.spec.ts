import { MessageOrderGuard } from './message-order.guard';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, s)).toISOString();

describe('MessageOrderGuard', () => {
  it('takes newer states and drops a duplicate and an overtaken one, counting each', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 10, at(10))).toBe(true);
    expect(guard.acceptState('r1', 11, at(11))).toBe(true);
    expect(guard.acceptState('r1', 11, at(11))).toBe(false);
    expect(guard.acceptState('r1', 9, at(9))).toBe(false);
    expect(guard.counts()).toEqual({ duplicate: 1, stale: 1 });
  });

  it('keeps robots apart', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 10, at(10))).toBe(true);
    expect(guard.acceptState('r2', 1, at(1))).toBe(true);
  });

  it('takes a state newer by either measure: a restarted robot with a fresh clock, or a clock that jumped back', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 500, at(30))).toBe(true);
    expect(guard.acceptState('r1', 0, at(40))).toBe(true);
    expect(guard.acceptState('r1', 1, at(5))).toBe(true);
  });

  it('starts afresh with a new session, so a restart whose clock runs behind is not taken for old news', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 500, at(30))).toBe(true);
    expect(guard.acceptState('r1', 0, at(1))).toBe(false);
    expect(guard.acceptConnection('r1', 0, at(1), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, at(1))).toBe(true);
  });

  it('drops a redelivered connection message but takes a last will however old its header', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptConnection('r1', 4, at(20), 'ONLINE')).toBe(true);
    expect(guard.acceptConnection('r1', 4, at(20), 'ONLINE')).toBe(false);
    expect(guard.acceptConnection('r1', 3, at(10), 'CONNECTIONBROKEN')).toBe(true);
    expect(guard.counts().duplicate).toBe(1);
  });
});
