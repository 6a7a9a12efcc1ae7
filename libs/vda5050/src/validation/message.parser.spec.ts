import { Topic } from '../topics/topic';
import { parseMessage } from './message.parser';
import { SAMPLES } from './sample-messages.fixture';

describe('parseMessage', () => {
  const state = JSON.stringify(SAMPLES['2.0'][Topic.State]());

  it('decodes a valid Buffer and a valid string', () => {
    expect(parseMessage(Topic.State, Buffer.from(state), 1e6)).toMatchObject({ ok: true, version: '2.0' });
    expect(parseMessage(Topic.State, state, 1e6)).toMatchObject({ ok: true, version: '2.0' });
  });

  it('rejects a payload over the limit before parsing it, counting bytes not characters', () => {
    expect(parseMessage(Topic.State, '{not even json', 5)).toEqual({
      ok: false,
      reason: 'oversize',
      error: 'state: payload of 14 bytes exceeds the limit of 5',
    });
    expect(parseMessage(Topic.State, 'ąą', 3)).toMatchObject({ ok: false, reason: 'oversize' });
  });

  it('rejects text that is not JSON', () => {
    const result = parseMessage(Topic.State, Buffer.from('{"headerId":'), 1e6);
    expect(result).toMatchObject({ ok: false, reason: 'json' });
    expect(!result.ok && result.error).toMatch(/^state: payload is not valid JSON \(.+\)$/);
  });

  it('rejects JSON that fails the schema and keeps the decoded payload for the reply', () => {
    const order = { ...SAMPLES['2.0'][Topic.Order](), orderUpdateId: 'first' };
    const result = parseMessage(Topic.Order, JSON.stringify(order), 1e6);
    expect(result).toEqual({ ok: false, reason: 'schema', error: 'order: /orderUpdateId must be integer', payload: order });
  });

  it('never throws, whatever the bytes', () => {
    for (const raw of ['', 'null', '[]', '"x"', '1', Buffer.from([0xff, 0xfe, 0x00])]) {
      expect(parseMessage(Topic.Order, raw, 1e6).ok).toBe(false);
    }
  });
});
