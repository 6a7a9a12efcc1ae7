import { loadConfig, unreadVariables } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, MQTT_PORT: 1883, DB_PATH: 'data/opiekun.sqlite', SIM_ROBOTS: 6, SIM_TIME_SCALE: 1 });
    expect(config.MQTT_URL).toBeUndefined();
  });

  it('parses numbers from strings', () => {
    expect(loadConfig({ PORT: '8080', SIM_ROBOTS: '0', SIM_TIME_SCALE: '60' })).toMatchObject({ PORT: 8080, SIM_ROBOTS: 0, SIM_TIME_SCALE: 60 });
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', MQTT_PORT: '70000', MQTT_URL: 'localhost', SIM_TIME_SCALE: '-1' })).toThrow(
      /PORT="abc"[\s\S]*MQTT_PORT="70000"[\s\S]*MQTT_URL="localhost"[\s\S]*SIM_TIME_SCALE="-1"/,
    );
  });
});

describe('loadConfig: secrets in messages', () => {
  it('names a bad MQTT_URL without its user info (a login: mqtt://user:pass@host)', () => {
    let message = '';
    try {
      loadConfig({ MQTT_URL: 'mqtt://opiekun:s3cret-pass@bro ker:1883' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('MQTT_URL="mqtt://bro ker:1883"');
    expect(message).not.toMatch(/s3cret|opiekun:/);
  });
});

describe('loadConfig: VDA 5050 topic prefix', () => {
  it('defaults to uagv, takes one topic level, refuses a path or a wildcard', () => {
    expect(loadConfig({}).MQTT_INTERFACE_NAME).toBe('uagv');
    expect(loadConfig({ MQTT_INTERFACE_NAME: 'mco-fleet' }).MQTT_INTERFACE_NAME).toBe('mco-fleet');
    for (const bad of ['a/b', '+', '#', 'x'.repeat(65)]) expect(() => loadConfig({ MQTT_INTERFACE_NAME: bad })).toThrow(/MQTT_INTERFACE_NAME/);
  });
});

describe('loadConfig: resilience settings', () => {
  it('defaults to a minute of silence, two minutes of grace and medication and lab samples attended', () => {
    expect(loadConfig({})).toMatchObject({
      ROBOT_SILENCE_MS: 60_000,
      ROBOT_LOST_GRACE_MS: 120_000,
      ATTENDED_TASK_TYPES: ['medication', 'lab-sample', 'medication-return'],
      TASK_MAX_ATTEMPTS: 3,
      DB_BUSY_TIMEOUT_MS: 5_000,
      HTTP_BODY_LIMIT_KB: 100,
    });
  });

  it('reads the attended task types as a comma-separated list and refuses nonsense', () => {
    expect(loadConfig({ ATTENDED_TASK_TYPES: 'medication, blood-sample ,' }).ATTENDED_TASK_TYPES).toEqual(['medication', 'blood-sample']);
    const message = (() => {
      try {
        loadConfig({ ATTENDED_TASK_TYPES: 'medication,lab sample', ROBOT_SILENCE_MS: '10', TASK_MAX_ATTEMPTS: '0' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const bad of ['ATTENDED_TASK_TYPES="medication,lab sample"', 'ROBOT_SILENCE_MS="10"', 'TASK_MAX_ATTEMPTS="0"']) expect(message).toContain(bad);
  });
});

describe('loadConfig: medication custody', () => {
  it('puts medication under custody with ten minutes for the handover by default', () => {
    expect(loadConfig({})).toMatchObject({ CUSTODY_TASK_TYPES: ['medication'], HANDOVER_TIMEOUT_S: 600 });
    expect(loadConfig({})).toMatchObject({ PATROL_FINDING_TYPES: ['fallDetected', 'patrolFinding'], PATROL_CHECK_ACTION: 'patrolCheck' });
    expect(loadConfig({ PATROL_FINDING_TYPES: 'fallDetected,personNotInBed' }).PATROL_FINDING_TYPES).toEqual(['fallDetected', 'personNotInBed']);
    expect(() => loadConfig({ PATROL_CHECK_ACTION: 'two words' })).toThrow(/PATROL_CHECK_ACTION/);
    expect(loadConfig({ CUSTODY_TASK_TYPES: 'medication,controlled-drug', HANDOVER_TIMEOUT_S: '120' })).toMatchObject({
      CUSTODY_TASK_TYPES: ['medication', 'controlled-drug'],
      HANDOVER_TIMEOUT_S: 120,
    });
  });

  it('refuses a handover limit under ten seconds', () => {
    expect(() => loadConfig({ HANDOVER_TIMEOUT_S: '5' })).toThrow(/HANDOVER_TIMEOUT_S/);
  });
});

describe('loadConfig: dispatch policy', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'min-cost'],
    ['min-cost', 'min-cost'],
    ['earliest-finish', 'earliest-finish'],
  ])('DISPATCH_POLICY=%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { DISPATCH_POLICY: value }).DISPATCH_POLICY).toBe(expected);
  });

  it('refuses an unknown policy', () => {
    expect(() => loadConfig({ DISPATCH_POLICY: 'nearest' })).toThrow(/DISPATCH_POLICY/);
  });
});

describe('loadConfig: MQTT logins', () => {
  it('has access control on, master control logging in as opiekun, and no passwords configured by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ MQTT_ACCESS_CONTROL: true, MQTT_MASTER_USERNAME: 'opiekun' });
    expect([config.MQTT_MASTER_PASSWORD, config.MQTT_VEHICLE_PASSWORD, config.MQTT_MONITOR_PASSWORD]).toEqual([undefined, undefined, undefined]);
  });

  it('reads the passwords and the switch', () => {
    const config = loadConfig({ MQTT_ACCESS_CONTROL: 'false', MQTT_MASTER_USERNAME: 'fleet-manager', MQTT_MASTER_PASSWORD: 'a-master-secret', MQTT_VEHICLE_PASSWORD: 'a-vehicle-secret', MQTT_MONITOR_PASSWORD: 'a-monitor-secret' });
    expect(config).toMatchObject({ MQTT_ACCESS_CONTROL: false, MQTT_MASTER_USERNAME: 'fleet-manager', MQTT_MASTER_PASSWORD: 'a-master-secret', MQTT_VEHICLE_PASSWORD: 'a-vehicle-secret', MQTT_MONITOR_PASSWORD: 'a-monitor-secret' });
  });

  it('names each bad variable without writing a password into the message', () => {
    let message = '';
    try {
      loadConfig({ MQTT_ACCESS_CONTROL: 'maybe', MQTT_MASTER_USERNAME: 'a/b', MQTT_MASTER_PASSWORD: 'short-1', MQTT_VEHICLE_PASSWORD: 'short-2', MQTT_MONITOR_PASSWORD: 'short-3' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/MQTT_ACCESS_CONTROL="maybe"/);
    expect(message).toMatch(/MQTT_MASTER_USERNAME="a\/b": .*without \//);
    for (const name of ['MQTT_MASTER_PASSWORD', 'MQTT_VEHICLE_PASSWORD', 'MQTT_MONITOR_PASSWORD']) expect(message).toMatch(new RegExp(`${name}=\\(7 characters, not shown\\): ${name} must be at least 12 characters`));
    expect(message).not.toMatch(/short-/);
  });

  it('keeps the read-only login\'s name for it', () => {
    expect(() => loadConfig({ MQTT_MASTER_USERNAME: 'monitor' })).toThrow(/MQTT_MASTER_USERNAME="monitor": MQTT_MASTER_USERNAME must not be "monitor"/);
  });
});

describe('unreadVariables', () => {
  it('names a variable a letter or two off a setting, with the setting meant', () => {
    expect(unreadVariables({ FACILTY_FILE: 'x.json', MQTT_ULR: 'mqtt://h', LOGLEVEL: 'debug', DISPATCH_POLICY: 'min-cost' })).toEqual([
      { variable: 'FACILTY_FILE', meant: 'FACILITY_FILE' },
      { variable: 'LOGLEVEL', meant: 'LOG_LEVEL' },
      { variable: 'MQTT_ULR', meant: 'MQTT_URL' },
    ]);
  });

  it('names a variable of one of its own families that it has no setting of', () => {
    expect(unreadVariables({ SIM_SPEED: '2', MQTT_KEEPALIVE: '30' })).toEqual([{ variable: 'MQTT_KEEPALIVE' }, { variable: 'SIM_SPEED' }]);
  });

  it('leaves alone what Kubernetes sets for the namespace’s Services and Docker’s legacy links', () => {
    const kubernetes = { MQTT_SERVICE_HOST: '10.0.0.7', MQTT_SERVICE_PORT: '1883', MQTT_SERVICE_PORT_MQTT: '1883', MQTT_PORT_1883_TCP: 'tcp://10.0.0.7:1883', MQTT_PORT_1883_TCP_PROTO: 'tcp', MQTT_PORT_1883_TCP_PORT: '1883', MQTT_PORT_1883_TCP_ADDR: '10.0.0.7', FLEET_SERVICE_HOST: '10.0.0.8', ROBOT_SIM_SERVICE_HOST: '10.0.0.9', CARE_PORT_80_TCP: 'tcp://10.0.0.10:80' };
    const docker = { MQTT_NAME: '/api/mqtt', MQTT_ENV_MOSQUITTO_VERSION: '2.0' };
    expect(unreadVariables({ ...kubernetes, ...docker })).toEqual([]);
  });

  it('says where a Kubernetes Service’s MQTT_PORT=tcp://… came from when it refuses it', () => {
    expect(() => loadConfig({ MQTT_PORT: 'tcp://10.0.0.7:1883' })).toThrow(/MQTT_PORT="tcp:\/\/10\.0\.0\.7:1883": .*Kubernetes sets for a Service of that name: set enableServiceLinks: false/);
  });

  it('leaves its own settings and other software’s variables alone', () => {
    const machine = { PATH: '/bin', HOME: '/root', HOSTNAME: 'ward-pc', NODE_ENV: 'production', NODE_OPTIONS: '', HTTP_PROXY: 'http://p', LOG_FORMAT: 'json', DB_HOST: 'db', LANG: 'pl_PL.UTF-8', npm_config_cache: '/c', TZ: 'Europe/Warsaw' };
    expect(unreadVariables({ ...machine, PORT: '3000', MQTT_URL: 'mqtt://h', CARE_FILE: 'care.json', NODE_EXTRA_CA_CERTS: 'ca.pem' })).toEqual([]);
  });
});
