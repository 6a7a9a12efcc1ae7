import { createServer } from 'node:net';
import { connectAsync } from 'mqtt';
import { BrokerPortInUseError, EmbeddedBroker } from './embedded-broker';

describe('EmbeddedBroker', () => {
  it('serves MQTT on its port and stops cleanly', async () => {
    const broker = new EmbeddedBroker(0, '127.0.0.1');
    await broker.start();
    const client = await connectAsync(`mqtt://127.0.0.1:${broker.listeningPort}`, { reconnectPeriod: 0 });
    const received = new Promise<string>((resolve) => client.on('message', (_t, payload) => resolve(payload.toString())));
    await client.subscribeAsync('probe');
    await client.publishAsync('probe', 'hello');
    await expect(received).resolves.toBe('hello');
    await client.endAsync();
    await broker.stop();
  });

  it('delivers a retained message that a plain message published right after it overtakes inside the broker', async () => {
    const broker = new EmbeddedBroker(0, '127.0.0.1');
    await broker.start();
    const url = `mqtt://127.0.0.1:${broker.listeningPort}`;
    const subscriber = await connectAsync(url, { reconnectPeriod: 0 });
    const publisher = await connectAsync(url, { reconnectPeriod: 0 });
    const rounds = 20;
    const received = { factsheet: 0, state: 0 };
    const all = new Promise<void>((resolve) =>
      subscriber.on('message', (topic) => {
        received[topic.endsWith('factsheet') ? 'factsheet' : 'state'] += 1;
        if (received.factsheet + received.state === 2 * rounds) resolve();
      }),
    );
    await subscriber.subscribeAsync({ 'uagv/v2/+/+/factsheet': { qos: 0 }, 'uagv/v2/+/+/state': { qos: 0 } });
    for (let i = 0; i < rounds; i += 1) {
      // A vehicle announcing itself: factsheet (retained, stored first by the broker), then its state.
      const factsheet = publisher.publishAsync(`uagv/v2/M/S${i}/factsheet`, '{}', { qos: 0, retain: true });
      await Promise.all([factsheet, publisher.publishAsync(`uagv/v2/M/S${i}/state`, '{}', { qos: 0 })]);
    }
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    await subscriber.endAsync(true);
    await publisher.endAsync(true);
    await broker.stop();
    expect(received).toEqual({ factsheet: rounds, state: rounds });
  });

  it('says which variable to set when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    const broker = new EmbeddedBroker(port, '127.0.0.1');
    const started = broker.start();
    await expect(started).rejects.toBeInstanceOf(BrokerPortInUseError);
    await expect(started).rejects.toThrow(/MQTT_PORT.*MQTT_URL/);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
});
