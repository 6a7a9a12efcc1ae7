import { tinyFacility } from '../../test-fixtures/order-fixtures';
import { generatedRobots } from '../fleet/fleet-spec.loader';
import { SimFleet } from '../fleet/sim-fleet';
import { applyControl, parseControlLine } from './control-commands';

describe('simulator control commands (stdin)', () => {
  it('reads drop, reject and fail', () => {
    expect(parseControlLine('drop R-2 90')).toEqual({ kind: 'command', command: { kind: 'drop', serialNumber: 'R-2', seconds: 90 } });
    expect(parseControlLine('  reject R-1 ')).toEqual({ kind: 'command', command: { kind: 'reject', serialNumber: 'R-1' } });
    expect(parseControlLine('fail R-3')).toEqual({ kind: 'command', command: { kind: 'fail', serialNumber: 'R-3' } });
  });

  it('ignores blank lines and comments', () => {
    expect(parseControlLine('')).toEqual({ kind: 'none' });
    expect(parseControlLine('# a note')).toEqual({ kind: 'none' });
  });

  it.each([
    ['drop R-1', /drop takes SERIAL SECONDS/],
    ['drop R-1 -5', /drop takes SERIAL SECONDS/],
    ['drop R-1 soon', /drop takes SERIAL SECONDS/],
    ['reject', /needs a robot serial number/],
    ['fail R-1 twice', /fail takes only SERIAL/],
    ['explode R-1', /unknown command "explode"/],
  ])('refuses %j', (line, message) => {
    const parsed = parseControlLine(line);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  it('applies a command to the named robot, and refuses an unknown one', () => {
    const facility = tinyFacility();
    const fleet = new SimFleet({ robots: generatedRobots(1, facility), facility });
    const serial = fleet.vehicles[0].serialNumber;
    const drops: number[] = [];
    fleet.vehicle(serial).on('connectionDrop', (ms: number) => drops.push(ms));
    expect(applyControl(fleet, { kind: 'drop', serialNumber: serial, seconds: 30 })).toMatch(/drops its link for 30 s/);
    expect(drops).toEqual([30_000]);
    applyControl(fleet, { kind: 'reject', serialNumber: serial });
    expect(fleet.vehicle(serial).faults.shouldRejectOrder()).toBe(true);
    applyControl(fleet, { kind: 'fail', serialNumber: serial });
    expect(fleet.vehicle(serial).faults.shouldFailAction()).toBe(true);
    expect(() => applyControl(fleet, { kind: 'fail', serialNumber: 'R-9' })).toThrow(/no simulated vehicle with serial number R-9/);
    void fleet.stop();
  });
});
