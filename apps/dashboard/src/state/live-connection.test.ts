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
  it('asks once more after the api ended the connection, and signs out when the sign-in has run out', () => {
    const { socket, unauthenticated } = start();
    socket.hear('session-expired', { message: 'the sign-in has expired; sign in again' });
    socket.hear('disconnect', 'io server disconnect');
    expect(socket.connects).toBe(1);
    socket.hear('connect_error', new Error('unauthenticated'));
    expect(unauthenticated).toHaveBeenCalledTimes(1);
  });

  it('leaves a dropped network to Socket.IO, which reconnects by itself', () => {
    const { socket, unauthenticated } = start();
    socket.hear('disconnect', 'transport close');
    expect(socket.connects).toBe(0);
    expect(unauthenticated).not.toHaveBeenCalled();
  });
});
