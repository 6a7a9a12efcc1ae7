import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { Mission } from '../ports/robot-link.port';
import { ManualClock, RecordingRobotLink } from '../testing';
import { MissionSender } from './mission-sender';

const mission: Mission = { id: 't1:1', robotId: 'M:R1', taskId: 't1', nodes: [{ nodeId: 'A', floor: 'F0', x: 0, y: 0, actions: [] }] };

class BrokerDownLink extends RecordingRobotLink {
  down = false;
  override async sendMission(m: Mission): Promise<void> {
    if (this.down) throw new DomainError(DomainErrorCode.RobotLinkDown, 'broker unreachable');
    return super.sendMission(m);
  }
}

function sender(link = new BrokerDownLink(), reachable = () => true) {
  const clock = new ManualClock();
  const errors: Error[] = [];
  return { clock, link, errors, sender: new MissionSender(link, clock, (e) => errors.push(e), { resendAfterMs: 1_000, maxSends: 3 }, reachable) };
}

describe('MissionSender', () => {
  it('resends the same order until it is confirmed, then stops', async () => {
    const { clock, link, sender: s } = sender();
    await s.send(mission);
    await clock.advance(1_000);
    expect(await s.resendDue()).toEqual([]);
    s.settle(mission.id);
    await clock.advance(5_000);
    expect(await s.resendDue()).toEqual([]);
    expect(link.missions).toEqual([mission, mission]);
  });

  it('gives up on a robot that hears it and does not confirm after the bounded number of sends', async () => {
    const { clock, link, sender: s } = sender();
    await s.send(mission);
    const expired: Mission[][] = [];
    for (let i = 0; i < 4; i += 1) {
      await clock.advance(1_000);
      expired.push(await s.resendDue());
    }
    expect(link.missions).toHaveLength(3);
    expect(expired.flat()).toEqual([mission]);
  });

  it('holds what was decided while the broker is down, never giving up, and sends it once it is back', async () => {
    const { clock, link, errors, sender: s } = sender();
    link.down = true;
    await s.send(mission);
    for (let i = 0; i < 20; i += 1) {
      await clock.advance(1_000);
      expect(await s.resendDue()).toEqual([]);
    }
    expect(link.missions).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    link.down = false;
    await s.flush();
    expect(link.missions).toEqual([mission]);
    expect(s.isPending(mission.id)).toBe(true);
  });

  it('does not send to a robot that is offline; flushing it when it is back sends at once', async () => {
    let online = false;
    const { clock, link, sender: s } = sender(new BrokerDownLink(), () => online);
    await s.send(mission);
    await clock.advance(30_000);
    expect(await s.resendDue()).toEqual([]);
    expect(link.missions).toEqual([]);
    online = true;
    await s.flush('M:R1');
    expect(link.missions).toEqual([mission]);
  });

  it('counts other send failures (a bug, a refused message) towards the bound', async () => {
    const link = new BrokerDownLink();
    link.failSends = true;
    const { clock, sender: s } = sender(link);
    await s.send(mission);
    const expired: Mission[] = [];
    for (let i = 0; i < 4; i += 1) {
      await clock.advance(1_000);
      expired.push(...(await s.resendDue()));
    }
    expect(expired).toEqual([mission]);
  });
});
