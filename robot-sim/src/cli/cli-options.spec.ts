import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliOptions } from './cli-options';
import { findRepoRoot } from './repo-root';

const ROOT = '/repo';

describe('robot-sim command line', () => {
  it('defaults to six robots on the demo facility at real time', () => {
    expect(parseCliOptions([], ROOT)).toEqual({
      kind: 'run',
      options: {
        robots: 6,
        brokerUrl: 'mqtt://127.0.0.1:1883',
        timeScale: 1,
        facilityFile: '/repo/assets/facilities/mco-demo.json',
        scenarioFile: undefined,
        seed: 1,
        interfaceName: 'uagv',
        visualizationMs: 1000,
        stateMs: 5000,
        faults: {},
        control: undefined,
        limits: {},
        caFile: undefined,
      },
    });
  });

  it('takes the authority to trust for mqtts:// from --ca, else from MQTT_CA_FILE (the api passes its own on)', () => {
    expect(parseCliOptions(['--broker', 'mqtts://broker.local:8883', '--ca', 'site-ca.pem'], ROOT)).toMatchObject({ kind: 'run', options: { brokerUrl: 'mqtts://broker.local:8883', caFile: 'site-ca.pem' } });
    expect(parseCliOptions([], ROOT, { MQTT_CA_FILE: '/etc/opiekun/ca.pem' })).toMatchObject({ kind: 'run', options: { caFile: '/etc/opiekun/ca.pem' } });
    expect(parseCliOptions(['--ca', 'site-ca.pem'], ROOT, { MQTT_CA_FILE: '/etc/opiekun/ca.pem' })).toMatchObject({ kind: 'run', options: { caFile: 'site-ca.pem' } });
    expect(parseCliOptions([], ROOT, { MQTT_CA_FILE: '' })).toMatchObject({ kind: 'run', options: { caFile: undefined } });
  });

  it('reads the state heartbeat (1 Hz for the end-to-end benchmark)', () => {
    expect(parseCliOptions(['--state-ms', '1000'], ROOT)).toMatchObject({ kind: 'run', options: { stateMs: 1000 } });
    expect(parseCliOptions(['--state-ms', '5'], ROOT)).toMatchObject({ kind: 'error' });
  });

  it('reads the fault flags for chaos runs', () => {
    const argv = ['--reject-orders', '0.05', '--fail-actions', '0.02', '--drops-per-hour', '1.5', '--drop-s', '20-300'];
    expect(parseCliOptions(argv, ROOT)).toMatchObject({
      kind: 'run',
      options: { faults: { rejectOrderProbability: 0.05, failActionProbability: 0.02, connectionDropsPerHour: 1.5, connectionDropMs: 20_000, connectionDropMaxMs: 300_000 } },
    });
    expect(parseCliOptions(['--drop-s', '30'], ROOT)).toMatchObject({ kind: 'run', options: { faults: { connectionDropMs: 30_000 } } });
    expect(parseCliOptions(['--control', 'stdin'], ROOT)).toMatchObject({ kind: 'run', options: { control: 'stdin' } });
    expect(parseCliOptions(['--findings', '0.1'], ROOT)).toMatchObject({ kind: 'run', options: { faults: { findingProbability: 0.1 } } });
  });

  it('reads the order limits every robot declares (a vendor’s vehicle)', () => {
    expect(parseCliOptions(['--max-order-nodes', '12', '--max-id-length', '32'], ROOT)).toMatchObject({ kind: 'run', options: { limits: { orderNodes: 12, idLength: 32 } } });
  });

  it('reads every flag', () => {
    const argv = ['--robots', '12', '--broker', 'mqtt://broker:1884', '--time-scale', '60', '--facility', 'f.json', '--seed', '7'];
    expect(parseCliOptions(argv, ROOT)).toMatchObject({
      kind: 'run',
      options: { robots: 12, brokerUrl: 'mqtt://broker:1884', timeScale: 60, facilityFile: 'f.json', seed: 7 },
    });
    expect(parseCliOptions(['--scenario', 's.json'], ROOT)).toMatchObject({ kind: 'run', options: { robots: undefined, scenarioFile: 's.json' } });
    expect(parseCliOptions(['--scenario', 's.json', '--robots', '3'], ROOT)).toMatchObject({ kind: 'run', options: { robots: 3 } });
  });

  it.each([
    [['--robots', '0'], /--robots must be a whole number from 1/],
    [['--robots', 'many'], /--robots must be a whole number/],
    [['--time-scale=-5'], /--time-scale must be a number > 0, got "-5"/],
    [['--time-scale', '0'], /--time-scale must be a number > 0, got "0"/],
    [['--broker', 'localhost:1883'], /--broker must use one of/],
    [['--broker', 'not a url'], /--broker must be a URL/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--robot', '2'], /Unknown option '--robot'/],
    [['--reject-orders', '1.5'], /--reject-orders must be a probability from 0 to 1, got "1.5"/],
    [['--fail-actions', 'often'], /--fail-actions must be a probability/],
    [['--drops-per-hour=-1'], /--drops-per-hour must be a number from 0/],
    [['--drop-s', '60-10'], /--drop-s must be seconds like 10 or 5-120, got "60-10"/],
    [['--control', 'socket'], /--control must be "stdin", got "socket"/],
    [['--max-order-nodes', '1'], /--max-order-nodes must be a whole number from 2 to 100000, got "1"/],
    [['--max-id-length', '0'], /--max-id-length must be a whole number from 1/],
  ])('rejects %j naming the flag', (argv, message) => {
    const parsed = parseCliOptions(argv, ROOT);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  it('finds the repository root from its own folder', () => {
    expect(existsSync(join(findRepoRoot(), 'robot-sim/src/cli.ts'))).toBe(true);
  });
});
