import { aRobot } from '../../../../../libs/domain/src/testing/small-facility.fixture';
import { RobotResponse } from './robot.response';

describe('RobotResponse', () => {
  it('shows staff why a robot gets no work: its operating mode and an emergency stop', () => {
    expect(RobotResponse.from(aRobot({ id: 'M:R1', operatingMode: 'MANUAL', safetyStop: false }))).toMatchObject({ operatingMode: 'MANUAL', safetyStop: false });
    expect(RobotResponse.from(aRobot({ id: 'M:R1', operatingMode: 'AUTOMATIC', safetyStop: true }))).toMatchObject({ operatingMode: 'AUTOMATIC', safetyStop: true });
    expect(RobotResponse.from(aRobot({ id: 'M:R1' })).operatingMode).toBeUndefined();
  });
});
