import { Vda5050Error, Vda5050ErrorCode } from '../vda5050.error';
import { ALL_TOPICS, Topic } from './topic';
import { isValidSerialNumber, parseTopic, subscriptionFor, topicFor } from './topic-path';

describe('topic paths', () => {
  const vehicle = { manufacturer: 'ACME', serialNumber: 'R-01' };

  it('builds the spec example topic', () => {
    expect(topicFor({ manufacturer: 'KIT', serialNumber: '0001' }, Topic.Order)).toBe('uagv/v2/KIT/0001/order');
  });

  it.each(ALL_TOPICS)('round-trips %s through topicFor and parseTopic', (topic) => {
    const mqttTopic = topicFor(vehicle, topic, { interfaceName: 'care', majorVersion: 'v2' });
    expect(parseTopic(mqttTopic)).toEqual({ interfaceName: 'care', majorVersion: 'v2', ...vehicle, topic });
  });

  it('builds wildcard subscriptions for all vehicles', () => {
    expect(subscriptionFor(Topic.State)).toBe('uagv/v2/+/+/state');
    expect(subscriptionFor(Topic.Connection, { interfaceName: 'x', majorVersion: 'v9' })).toBe('x/v9/+/+/connection');
  });

  it.each([
    ['uagv/v2/ACME/R-01/orders'],
    ['uagv/v2/ACME/R-01'],
    ['uagv/v2/ACME/R-01/state/extra'],
    ['uagv/v2/ACME/R 01/state'],
    ['uagv/v2/$SYS/R-01/state'],
    ['uagv/v2//R-01/state'],
    [''],
  ])('does not parse %p', (mqttTopic) => {
    expect(parseTopic(mqttTopic)).toBeUndefined();
  });

  it('accepts exactly the serial number characters of the spec', () => {
    expect(isValidSerialNumber('AZaz09_.:-')).toBe(true);
    for (const bad of ['', 'a/b', 'a$b', 'a+b', 'a#b', 'a b', 'ż']) expect(isValidSerialNumber(bad)).toBe(false);
  });

  it.each([
    [{ manufacturer: 'ACME', serialNumber: 'R/1' }],
    [{ manufacturer: 'ACME', serialNumber: '+' }],
    [{ manufacturer: 'AC/ME', serialNumber: 'R1' }],
    [{ manufacturer: '#', serialNumber: 'R1' }],
    [{ manufacturer: '', serialNumber: 'R1' }],
  ])('refuses to build a topic for %p', (id) => {
    expect(() => topicFor(id, Topic.State)).toThrow(Vda5050Error);
    expect(() => topicFor(id, Topic.State)).toThrow(expect.objectContaining({ code: Vda5050ErrorCode.InvalidIdentifier }));
  });

  it('refuses wildcards in the interface name', () => {
    expect(() => subscriptionFor(Topic.State, { interfaceName: 'uagv/#' })).toThrow(Vda5050Error);
  });
});
