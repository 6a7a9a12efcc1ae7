import { Topic } from '../topics/topic';
import { HeaderStamper } from './header.stamper';

describe('HeaderStamper', () => {
  const r1 = { manufacturer: 'ACME', serialNumber: 'R1' };
  const r2 = { manufacturer: 'ACME', serialNumber: 'R2' };
  const fixed = () => Date.UTC(2026, 10, 23, 9, 30, 0, 120);

  it('stamps the full header from the vehicle, the clock and version 2.0.0', () => {
    const stamper = new HeaderStamper({ now: fixed });
    const message = stamper.stamp(r1, Topic.Connection, { connectionState: 'ONLINE' });
    expect(message).toEqual({
      headerId: 0,
      timestamp: '2026-11-23T09:30:00.120Z',
      version: '2.0.0',
      manufacturer: 'ACME',
      serialNumber: 'R1',
      connectionState: 'ONLINE',
    });
    expect(Object.keys(message)[0]).toBe('headerId');
  });

  it('counts per topic and per vehicle, starting at 0 and adding 1', () => {
    const stamper = new HeaderStamper({ now: fixed });
    const ids = (vehicle: typeof r1, topic: Topic.State | Topic.Connection) =>
      stamper.stamp(vehicle, topic, { connectionState: 'ONLINE' } as never).headerId;
    expect([ids(r1, Topic.Connection), ids(r1, Topic.Connection), ids(r1, Topic.Connection)]).toEqual([0, 1, 2]);
    expect(ids(r1, Topic.State)).toBe(0);
    expect(ids(r2, Topic.Connection)).toBe(0);
    expect(ids(r1, Topic.Connection)).toBe(3);
  });

  it('does not consume a headerId for a draft until it is committed', () => {
    const stamper = new HeaderStamper({ now: fixed });
    expect(stamper.draft(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(0);
    expect(stamper.draft(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(0);
    stamper.commit(r1, Topic.Connection);
    expect(stamper.peekHeaderId(r1, Topic.Connection)).toBe(1);
  });

  it('wraps after the largest uint32', () => {
    const stamper = new HeaderStamper({ now: fixed });
    const counters = (stamper as unknown as { counters: Map<string, number> }).counters;
    counters.set('ACME/R1/connection', 0xffff_ffff);
    expect(stamper.stamp(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(4294967295);
    expect(stamper.stamp(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(0);
  });

  it('starts each vehicle topic at firstHeaderId when given (a uint32), asking once per topic', () => {
    let asked = 0;
    const stamper = new HeaderStamper({ now: fixed, firstHeaderId: () => (asked += 1, 1_764_000_000) });
    expect(stamper.stamp(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(1_764_000_000);
    expect(stamper.stamp(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(1_764_000_001);
    expect(stamper.stamp(r2, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(1_764_000_000);
    expect(asked).toBe(2);
    expect(new HeaderStamper({ firstHeaderId: () => 2 ** 32 + 5 }).stamp(r1, Topic.Connection, { connectionState: 'ONLINE' }).headerId).toBe(5);
  });

  it('overrides header fields smuggled into the body', () => {
    const stamper = new HeaderStamper({ now: fixed });
    const body = { connectionState: 'ONLINE', headerId: 99, serialNumber: 'EVIL' } as { connectionState: 'ONLINE' };
    expect(stamper.stamp(r1, Topic.Connection, body)).toMatchObject({ headerId: 0, serialNumber: 'R1' });
  });
});
