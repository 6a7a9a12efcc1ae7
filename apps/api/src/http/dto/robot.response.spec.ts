import { aRobot } from '../../../../../libs/domain/src/testing/small-facility.fixture';
import { RobotResponse } from './robot.response';

describe('RobotResponse', () => {
  it('shows staff why a robot gets no work: its operating mode and an emergency stop', () => {
    expect(RobotResponse.from(aRobot({ id: 'M:R1', operatingMode: 'MANUAL', safetyStop: false }))).toMatchObject({ operatingMode: 'MANUAL', safetyStop: false });
    expect(RobotResponse.from(aRobot({ id: 'M:R1', operatingMode: 'AUTOMATIC', safetyStop: true }))).toMatchObject({ operatingMode: 'AUTOMATIC', safetyStop: true });
    expect(RobotResponse.from(aRobot({ id: 'M:R1' })).operatingMode).toBeUndefined();
  });

  it('shows the actions its factsheet declares as instant actions, none while its factsheet is unknown', () => {
    expect(RobotResponse.from(aRobot({ id: 'M:R1', actions: ['pick'], instantActions: ['startPause', 'stopPause'] }))).toMatchObject({ actions: ['pick'], instantActions: ['startPause', 'stopPause'] });
    expect(RobotResponse.from(aRobot({ id: 'M:R1' })).instantActions).toBeUndefined();
  });
});
