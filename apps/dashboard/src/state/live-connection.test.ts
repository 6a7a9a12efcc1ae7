import type { Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../api/contract';
import type { OpiekunApi } from '../api/opiekun-api';
import { LiveConnection } from './live-connection';
import { LiveStore } from './live-store';

/** A Socket.IO client the test drives: `hear` plays what the library would report; `connects` counts `connect()`. */
function fakeSocket() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const fake = {
    connects: 0,
    connected: false,
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return fake;
    },
    connect() {
      fake.connects += 1;
      return fake;
    },
    disconnect: () => fake,
    removeAllListeners: () => fake,
    hear: (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args)),
  };
  return fake;
}

function start() {
  const socket = fakeSocket();
  const unauthenticated = vi.fn();
  const connection = new LiveConnection({
    api: {} as OpiekunApi,
    store: new LiveStore((flush) => flush()),
    token: 'signed',
    timezone: 'Europe/Warsaw',
    onUnauthenticated: unauthenticated,
    onStatAlert: () => undefined,
    onResynced: () => undefined,
    connect: () => socket as unknown as Socket<ServerToClientEvents>,
  });
  connection.start();
  return { socket, unauthenticated };
}

describe('LiveConnection when the api hangs up', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('signs out when the api says the sign-in ran out, and does not ask for the connection again', () => {
    const { socket, unauthenticated } = start();
    socket.hear('session-expired', { message: 'the sign-in has expired; sign in again' });
    expect(unauthenticated).toHaveBeenCalledTimes(1);
    socket.hear('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(120_000);
    expect(socket.connects).toBe(0);
  });

  it('asks again after the api ended the connection for another reason, waiting longer each time it is hung up on', () => {
    const { socket, unauthenticated } = start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      socket.hear('disconnect', 'io server disconnect');
      let waited = 0;
      while (socket.connects === i) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    // 1 s, 2 s, 4 s, 8 s, each less up to half (jitter)
    waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(500 * 2 ** i));
    waits.forEach((wait, i) => expect(wait).toBeLessThanOrEqual(1_000 * 2 ** i + 100));
    // a refused handshake then signs out
    socket.hear('connect_error', new Error('unauthenticated'));
    expect(unauthenticated).toHaveBeenCalledTimes(1);
  });

  it('leaves a dropped network to Socket.IO, which reconnects by itself', () => {
    const { socket, unauthenticated } = start();
    socket.hear('disconnect', 'transport close');
    vi.advanceTimersByTime(120_000);
    expect(socket.connects).toBe(0);
    expect(unauthenticated).not.toHaveBeenCalled();
  });
});
