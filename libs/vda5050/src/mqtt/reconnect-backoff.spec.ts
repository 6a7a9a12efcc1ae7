import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { connect } from 'mqtt';
import { createServer, type Server } from 'node:net';
import { reconnectWithBackoff } from './reconnect-backoff';

function fakeClient(reconnectPeriod: number): MqttClient {
  return Object.assign(new EventEmitter(), { options: { reconnectPeriod } }) as unknown as MqttClient;
}

describe('reconnectWithBackoff', () => {
  it('doubles the wait after each failed attempt up to the cap, with jitter, and starts over once connected', () => {
    const client = fakeClient(1_000);
    reconnectWithBackoff(client, 8_000, () => 0.5);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      client.emit('close');
      waits.push(client.options.reconnectPeriod as number);
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    client.emit('connect', { cmd: 'connack', returnCode: 0, sessionPresent: false });
    expect(client.options.reconnectPeriod).toBe(1_000);
    client.emit('close');
    expect(client.options.reconnectPeriod).toBe(2_000);
  });

  it('spreads the waits by ±20 %', () => {
    const low = fakeClient(1_000);
    const high = fakeClient(1_000);
    reconnectWithBackoff(low, 8_000, () => 0);
    reconnectWithBackoff(high, 8_000, () => 0.999);
    low.emit('close');
    high.emit('close');
    expect(low.options.reconnectPeriod).toBe(1_600);
    expect(high.options.reconnectPeriod).toBe(2_399);
  });

  it('leaves a client that is not meant to reconnect alone', () => {
    const client = fakeClient(0);
    reconnectWithBackoff(client);
    client.emit('close');
    expect(client.options.reconnectPeriod).toBe(0);
  });

  it('makes a real mqtt.js client wait longer and longer for a broker that is not there', async () => {
    // A port that accepts and at once closes connections: every attempt fails quickly.
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const client = connect(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 50, connectTimeout: 1_000 });
    client.on('error', () => undefined);
    reconnectWithBackoff(client, 400, () => 0.5);
    const attempts: number[] = [];
    client.on('reconnect', () => attempts.push(Date.now()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${attempts.length} attempts`)), 5_000);
        client.on('reconnect', () => {
          if (attempts.length >= 5) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      client.end(true);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // Lower bounds only: a loaded machine can only lengthen a wait (a first gap of 821 ms was seen on CI-like load, so
    // "the first gap is shorter than the last" could fail without anything wrong). Without the backoff every wait is
    // the 50 ms period; with it they are 100, 200, 400, 400 ms (±20 % jitter, here none).
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(300);
    expect(gaps.reduce((sum, gap) => sum + gap, 0)).toBeGreaterThanOrEqual(900);
  });
});
