import { ALL_TOPICS, Topic } from '../topics/topic';
import { protocolVersionOf, validateMessage } from './message.validator';
import { SAMPLES } from './sample-messages.fixture';

describe('validateMessage', () => {
  describe.each(['2.0', '2.1'] as const)('VDA 5050 %s', (version) => {
    it.each(ALL_TOPICS)('accepts a valid %s message and reports its version', (topic) => {
      const result = validateMessage(topic, SAMPLES[version][topic]());
      expect(result).toEqual({ ok: true, version, message: SAMPLES[version][topic]() });
    });

    // The visualization schema makes no header field required; the transport's identity check covers it.
    it.each(ALL_TOPICS.filter((topic) => topic !== Topic.Visualization))('rejects a %s message without manufacturer', (topic) => {
      const { manufacturer: _dropped, ...payload } = SAMPLES[version][topic]();
      const result = validateMessage(topic, payload);
      expect(result).toMatchObject({ ok: false, reason: 'schema' });
      expect(!result.ok && result.error).toBe(`${topic}: / must have required property 'manufacturer'`);
    });
  });

  it('names the field path and rule of a wrong type', () => {
    const state = SAMPLES['2.0'][Topic.State]();
    const result = validateMessage(Topic.State, { ...state, batteryState: { batteryCharge: '81', charging: false } });
    expect(result).toEqual(expect.objectContaining({ ok: false, error: 'state: /batteryState/batteryCharge must be number' }));
  });

  it('lists the allowed values of a broken enum', () => {
    const connection = { ...SAMPLES['2.0'][Topic.Connection](), connectionState: 'ASLEEP' };
    const result = validateMessage(Topic.Connection, connection);
    expect(!result.ok && result.error).toBe(
      'connection: /connectionState must be equal to one of the allowed values: ["ONLINE","OFFLINE","CONNECTIONBROKEN"]',
    );
  });

  it('rejects a missing nested field of an order', () => {
    const order = SAMPLES['2.0'][Topic.Order]() as { nodes: Array<Record<string, unknown>> };
    delete order.nodes[1].actions;
    const result = validateMessage(Topic.Order, order);
    expect(!result.ok && result.error).toBe("order: /nodes/1 must have required property 'actions'");
  });

  it('accepts PAUSED in 2.1 state (corrected schema) and in 2.0 state', () => {
    for (const version of ['2.0', '2.1'] as const) {
      const state = SAMPLES[version][Topic.State]();
      const paused = { ...state, actionStates: [{ actionId: 'a', actionStatus: 'PAUSED' }] };
      expect(validateMessage(Topic.State, paused).ok).toBe(true);
    }
  });

  it('accepts factsheet blockingTypes as an array of enums (corrected schema) and rejects unknown ones', () => {
    const factsheet = SAMPLES['2.0'][Topic.Factsheet]() as { protocolFeatures: { agvActions: Array<Record<string, unknown>> } };
    expect(validateMessage(Topic.Factsheet, factsheet).ok).toBe(true);
    factsheet.protocolFeatures.agvActions[0].blockingTypes = ['SOMETIMES'];
    expect(validateMessage(Topic.Factsheet, factsheet)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('lets additional fields through, as the VDA schemas do', () => {
    const state = { ...SAMPLES['2.0'][Topic.State](), maps: [] };
    expect(validateMessage(Topic.State, state).ok).toBe(true);
  });

  it.each([['1.1.0'], ['3.0.0'], ['2.2.0'], ['2.2'], ['2'], ['2.0.x'], ['2.0.'], ['v2.0.0']])('rejects unsupported version %s by name', (version) => {
    const result = validateMessage(Topic.State, { ...SAMPLES['2.0'][Topic.State](), version });
    expect(result).toEqual(
      expect.objectContaining({ ok: false, reason: 'version', error: `state: unsupported version '${version}' (supported: 2.0.x, 2.1.x)` }),
    );
  });

  it('rejects a missing version and a payload that is not an object', () => {
    const { version: _dropped, ...unversioned } = SAMPLES['2.0'][Topic.State]();
    expect(validateMessage(Topic.State, unversioned)).toMatchObject({ ok: false, error: 'state: /version must be a string like "2.0.0"' });
    expect(validateMessage(Topic.State, [1, 2])).toMatchObject({ ok: false, error: 'state: / must be a JSON object' });
    expect(validateMessage(Topic.State, null)).toMatchObject({ ok: false, error: 'state: / must be a JSON object' });
  });

  // Vehicles in the field send "2.0" or "2.1"; the minor version is all the schema choice needs.
  it.each([['2.0'], ['2.1']] as const)('accepts version %s without a patch number, as that family', (version) => {
    const result = validateMessage(Topic.State, { ...SAMPLES[version][Topic.State](), version });
    expect(result).toMatchObject({ ok: true, version });
  });

  it('requires an ISO 8601 timestamp', () => {
    const result = validateMessage(Topic.Connection, { ...SAMPLES['2.0'][Topic.Connection](), timestamp: 'yesterday' });
    expect(!result.ok && result.error).toBe('connection: /timestamp must match format "date-time"');
  });

  // What Python's datetime.utcnow().isoformat() prints: UTC by the spec, without the Z.
  it.each([['2026-12-08T10:15:30.123'], ['2026-12-08T10:15:30.123456'], ['2026-12-08T10:15:30']])(
    'accepts a timestamp without a zone designator: %s',
    (timestamp) => {
      for (const version of ['2.0', '2.1'] as const) {
        expect(validateMessage(Topic.State, { ...SAMPLES[version][Topic.State](), timestamp }).ok).toBe(true);
      }
    },
  );

  it.each([['yesterday'], ['2026-13-45T99:00:00'], ['2026-02-30T10:00:00Z'], ['2026-12-08'], ['']])(
    'still refuses the timestamp %j, naming the field',
    (timestamp) => {
      const result = validateMessage(Topic.State, { ...SAMPLES['2.1'][Topic.State](), timestamp });
      expect(result).toMatchObject({ ok: false, reason: 'schema', error: 'state: /timestamp must match format "date-time"' });
    },
  );

  it('maps header versions to schema families', () => {
    expect(protocolVersionOf('2.0.0')).toBe('2.0');
    expect(protocolVersionOf('2.0.17')).toBe('2.0');
    expect(protocolVersionOf('2.1.0')).toBe('2.1');
    expect(protocolVersionOf('2.0')).toBe('2.0');
    expect(protocolVersionOf('2.1')).toBe('2.1');
    expect(protocolVersionOf('2')).toBeUndefined();
    expect(protocolVersionOf('2.2')).toBeUndefined();
    expect(protocolVersionOf('12.0.0')).toBeUndefined();
  });
});
