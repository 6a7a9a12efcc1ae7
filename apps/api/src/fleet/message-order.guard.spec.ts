import { MessageOrderGuard, REMEMBERED_ROBOTS, rememberNewest } from './message-order.guard';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, s)).toISOString();
/** The same instant as a vehicle may write it: no zone designator (UTC by the spec), microseconds as Python prints. */
const zoneLess = (s: number) => `${at(s).slice(0, -1)}456`;

describe('MessageOrderGuard', () => {
  it('takes newer states and drops a duplicate and an overtaken one, counting each', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 10, at(10))).toBe(true);
    expect(guard.acceptState('r1', 11, at(11))).toBe(true);
    expect(guard.acceptState('r1', 11, at(11))).toBe(false);
    expect(guard.acceptState('r1', 9, at(9))).toBe(false);
    expect(guard.counts()).toEqual({ duplicate: 1, stale: 1 });
  });

  it('remembers a bounded number of robots, the least recently heard forgotten first (names a publisher makes up)', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('fleet-robot', 10, at(10))).toBe(true);
    for (let i = 0; i < REMEMBERED_ROBOTS; i++) guard.acceptState(`made-up-${i}`, 1, at(1));
    const remembered = (guard as unknown as { states: Map<string, unknown> }).states;
    expect(remembered.size).toBe(REMEMBERED_ROBOTS);
    // forgotten: its duplicate is taken once (no worse than after a restart of the api)
    expect(guard.acceptState('fleet-robot', 10, at(10))).toBe(true);
    const map = new Map<string, number>();
    for (const key of ['a', 'b', 'a', 'c']) rememberNewest(map, key, 1, 2);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });

  // Only mixed with zoned ones does reading a zone-less timestamp as the host's local time go wrong, and only off UTC
  // (run under TZ=Asia/Tokyo and TZ=America/New_York to see each direction).
  it('reads zone-less timestamps as UTC, so they order against zoned ones whatever the host\'s zone', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptState('r1', 10, zoneLess(10))).toBe(true);
    expect(guard.acceptState('r1', 11, zoneLess(11))).toBe(true);
    expect(guard.acceptState('r1', 9, zoneLess(9))).toBe(false);
    // a restart (headerId from 0) whose firmware now writes the Z: newer by its time
    expect(guard.acceptState('r1', 0, at(20))).toBe(true);
    // and back: newer by its time again, older by neither measure than the Z before
    expect(guard.acceptState('r1', 0, zoneLess(30))).toBe(true);
    expect(guard.acceptState('r1', 0, at(25))).toBe(false);
    expect(guard.counts()).toEqual({ duplicate: 0, stale: 2 });
  });

  it('dates an old session\'s will (stamped with a Z) by zone-less states', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptConnection('r1', 0, zoneLess(1), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 40, zoneLess(16))).toBe(true);
    expect(guard.acceptConnection('r1', 0, zoneLess(20), 'ONLINE')).toBe(true);
    expect(guard.acceptConnection('r1', 0, at(15), 'CONNECTIONBROKEN')).toBe(false);
    expect(guard.acceptConnection('r1', 0, at(19), 'CONNECTIONBROKEN')).toBe(true);
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

  it('drops, as stale, the last will of a session before the current one that the broker fires late (a half-open link); takes the current session\'s own', () => {
    const guard = new MessageOrderGuard();
    // the old session: its will stamped as it connected, then ONLINE and states
    expect(guard.acceptConnection('r1', 0, at(15), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, at(16))).toBe(true);
    expect(guard.acceptState('r1', 1, at(17))).toBe(true);
    // its link half-opens; the robot reconnects (will stamped at 19) and is ONLINE again
    expect(guard.acceptConnection('r1', 1, at(20), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, at(21))).toBe(true);
    // 20 s on, the broker gives up the old connection and publishes its will: 5 s older than the ONLINE taken
    expect(guard.acceptConnection('r1', 0, at(15), 'CONNECTIONBROKEN')).toBe(false);
    expect(guard.counts()).toEqual({ duplicate: 0, stale: 1 });
    // the current connection breaks: its will, also older than its ONLINE, is news
    expect(guard.acceptConnection('r1', 0, at(19), 'CONNECTIONBROKEN')).toBe(true);
  });

  it('dates an old session\'s will by its states when its ONLINE never came', () => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptConnection('r1', 0, at(1), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 40, at(16))).toBe(true);
    expect(guard.acceptConnection('r1', 0, at(20), 'ONLINE')).toBe(true);
    expect(guard.acceptConnection('r1', 0, at(15), 'CONNECTIONBROKEN')).toBe(false);
    expect(guard.counts().stale).toBe(1);
  });

  it.each<[string, string, string]>([
    ['a reboot: headerId from 0 again, a newer clock', at(40), at(39)],
    ['a reboot whose clock runs behind (older than all it sent before)', at(2), at(1)],
  ])('takes a new session and its own will: %s', (_what, onlineAt, willAt) => {
    const guard = new MessageOrderGuard();
    expect(guard.acceptConnection('r1', 7, at(10), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 500, at(30))).toBe(true);
    expect(guard.acceptConnection('r1', 1, onlineAt, 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, onlineAt)).toBe(true);
    expect(guard.acceptConnection('r1', 0, willAt, 'CONNECTIONBROKEN')).toBe(true);
    expect(guard.counts()).toEqual({ duplicate: 0, stale: 0 });
  });

  it('knowing whether the robot is connected now (the embedded broker), takes a will while it is gone and drops one while it is back, whatever the timestamps', () => {
    const guard = new MessageOrderGuard();
    // a vehicle that set its will once (stamped at 5) and sends it on every reconnect
    expect(guard.acceptConnection('r1', 0, at(10), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, at(11))).toBe(true);
    expect(guard.acceptConnection('r1', 0, at(5), 'CONNECTIONBROKEN', false)).toBe(true);
    expect(guard.acceptConnection('r1', 1, at(20), 'ONLINE')).toBe(true);
    expect(guard.acceptState('r1', 0, at(21))).toBe(true);
    // its link breaks again, it is gone: the same will, older than all it sent before, is news (not stale, not a duplicate)
    expect(guard.acceptConnection('r1', 0, at(5), 'CONNECTIONBROKEN', false)).toBe(true);
    // back on a new connection, the old one's will fired late is stale, however new its stamp
    expect(guard.acceptConnection('r1', 2, at(30), 'ONLINE')).toBe(true);
    expect(guard.acceptConnection('r1', 9, at(31), 'CONNECTIONBROKEN', true)).toBe(false);
    expect(guard.counts()).toEqual({ duplicate: 0, stale: 1 });
  });
});

