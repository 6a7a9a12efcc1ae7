import { connect, connectAsync } from 'mqtt';
import { Socket } from 'node:net';
import { startBroker } from '../testing/in-process-broker.fixture';
import { enableNoDelay } from './no-delay';

describe('enableNoDelay', () => {
  it('sets TCP_NODELAY on the socket of every connection the client makes', async () => {
    const broker = await startBroker();
    const setNoDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    const client = await connectAsync(broker.url, { reconnectPeriod: 0 });
    try {
      const detach = enableNoDelay(client);
      // Already connected: applied at once.
      expect(setNoDelay.mock.contexts).toContain(client.stream);
      const before = setNoDelay.mock.calls.length;
      const reconnected = new Promise<void>((resolve) => client.once('connect', () => resolve()));
      client.reconnect();
      await reconnected;
      expect(setNoDelay.mock.calls.length).toBeGreaterThan(before);
      expect(setNoDelay.mock.contexts.at(-1)).toBe(client.stream);
      expect(setNoDelay.mock.calls.at(-1)).toEqual([true]);
      detach();
    } finally {
      setNoDelay.mockRestore();
      await client.endAsync();
      await broker.stop();
    }
  });

  it('sets it on the first connection of a client bound while it connects (mqtt.js writes CONNECT inside connect())', async () => {
    const broker = await startBroker();
    const setNoDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    const client = connect(broker.url, { reconnectPeriod: 0 });
    try {
      const detach = enableNoDelay(client);
      expect(client.connected).toBe(false);
      expect(setNoDelay.mock.contexts).toContain(client.stream);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      detach();
    } finally {
      setNoDelay.mockRestore();
      await client.endAsync();
      await broker.stop();
    }
  });
});
