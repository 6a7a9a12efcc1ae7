import { aRobot } from '../../../../libs/domain/src/testing/small-facility.fixture';
import { RobotResponse } from '../http/dto/robot.response';
import { robotChangedMaterially } from './live-events';

describe('robotChangedMaterially (what the live feed sends at once, not at the throttled rate)', () => {
  const base = RobotResponse.from(aRobot({ id: 'R1', operatingMode: 'AUTOMATIC', safetyStop: false }));

  it.each([
    ['the VDA 5050 operating mode (no jobs in MANUAL)', { operatingMode: 'MANUAL' }],
    ['an emergency stop', { safetyStop: true }],
    ['being taken out of service', { inService: false }],
    ['a new task', { currentTaskId: 't1' }],
  ])('%s', (_what, change) => {
    expect(robotChangedMaterially(base, { ...base, ...change })).toBe(true);
  });

  it('not a pose or a battery reading', () => {
    expect(robotChangedMaterially(base, { ...base, battery: (base.battery ?? 50) - 1, position: { x: 1, y: 2, theta: 0 } })).toBe(false);
  });
});
