// An in-process aedes broker and an observing MQTT client for robot-sim tests; both are closed by the test.
import { Aedes, type AedesOptions } from 'aedes';
import { connectAsync, MqttClient } from 'mqtt';
import { AddressInfo, createServer, Server, Socket } from 'node:net';

export interface TestBroker {
  readonly url: string;
  close(): Promise<void>;
}

export async function startTestBroker(options?: AedesOptions): Promise<TestBroker> {
  const broker = await Aedes.createBroker(options);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

export interface Received {
  readonly topic: string;
  readonly payload: Record<string, unknown>;
}

/** Subscribes to everything under `uagv/v2/` and lets a test wait for a message matching a predicate. */
export class Observer {
  readonly messages: Received[] = [];
  private waiters: Array<{ match: (message: Received) => boolean; resolve: (message: Received) => void }> = [];

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      const message = { topic, payload: JSON.parse(payload.toString()) };
      this.messages.push(message);
      this.waiters = this.waiters.filter((waiter) => !(waiter.match(message) && (waiter.resolve(message), true)));
    });
  }

  static async connect(url: string): Promise<Observer> {
    const client = await connectAsync(url, { reconnectPeriod: 0 });
    const observer = new Observer(client);
    await client.subscribeAsync('uagv/v2/#', { qos: 1 });
    return observer;
  }

  /** The first message, already received or still to come, that matches; fails after `timeoutMs`. */
  waitFor(description: string, match: (message: Received) => boolean, timeoutMs = 4_000): Promise<Received> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** Forgets what was received so far, to wait for something that happens after this point. */
  clear(): void {
    this.messages.length = 0;
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.client.publishAsync(topic, JSON.stringify(payload));
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

export function on(subtopic: string, serialNumber: string, where: (payload: Record<string, unknown>) => boolean = () => true) {
  return (message: Received): boolean => message.topic.endsWith(`/${serialNumber}/${subtopic}`) && where(message.payload);
}
