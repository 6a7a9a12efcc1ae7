import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Alert, ServerToClientEvents } from '../api/contract';
import type { OpiekunApi } from '../api/opiekun-api';
import { startOfLocalDay } from '../time/zoned-time';
import type { LiveStore, Snapshot } from './live-store';

export interface LiveConnectionOptions {
  readonly api: OpiekunApi;
  readonly store: LiveStore;
  readonly token: string;
  readonly timezone: string;
  /** The server refused the sign-in token. */
  readonly onUnauthenticated: () => void;
  /** A new, unacknowledged `stat` alert arrived live. */
  readonly onStatAlert: (alert: Alert) => void;
  /** The picture was rebuilt after a dropped connection. */
  readonly onResynced: () => void;
  /** Socket.IO factory, replaceable in tests. */
  readonly connect?: (options: Partial<ManagerOptions & SocketOptions>) => Socket<ServerToClientEvents>;
}

const DAY_MS = 24 * 3600_000;

/** Everything the board shows, from REST: the first picture, and again after every reconnection. */
export async function loadSnapshot(api: OpiekunApi, timezone: string, now: number): Promise<Snapshot> {
  // Tasks that ended today may have been created yesterday (a night request): look a day further back.
  const since = new Date(startOfLocalDay(now, timezone) - DAY_MS).toISOString();
  const [robots, active, ended, alerts, fleet] = await Promise.all([
    api.robots(),
    api.activeTasks(),
    api.endedTasks(since),
    api.alerts(),
    api.fleetStatus(),
  ]);
  return { robots, tasks: [...active.items, ...ended], alerts, fleet };
}

/**
 * The live link: Socket.IO for changes, REST for the picture. While the socket is down the store says so (the page
 * shows the offline banner); on every (re)connection the picture is fetched again, so nothing missed stays missed.
 */
export class LiveConnection {
  private socket?: Socket<ServerToClientEvents>;
  private retry?: ReturnType<typeof setTimeout>;
  private everConnected = false;
  private closed = false;
  /** The api said the sign-in ran out: the connection is not asked for again. */
  private expired = false;
  /** Times in a row the api hung up (a connection that stays up a minute starts the count again). */
  private hangUps = 0;
  private rejoin?: ReturnType<typeof setTimeout>;
  private steady?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: LiveConnectionOptions) {}

  start(): void {
    const { store, token } = this.options;
    const connect = this.options.connect ?? ((o: Partial<ManagerOptions & SocketOptions>) => io(o) as Socket<ServerToClientEvents>);
    // WebSocket only: the api serves the page, so no proxy sits in between that would need long-polling. A connection
    // attempt that hears nothing for 5 s is given up and retried (the default 20 s left a tablet offline for long).
    const socket = connect({ path: '/socket.io', transports: ['websocket'], auth: { token }, reconnectionDelay: 500, reconnectionDelayMax: 4000, timeout: 5000 });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.steady) clearTimeout(this.steady);
      this.steady = setTimeout(() => (this.hangUps = 0), 60_000);
      void this.resync();
    });
    socket.on('session-expired', () => {
      this.expired = true;
      this.options.onUnauthenticated();
    });
    socket.on('disconnect', (reason) => {
      store.setConnection('offline');
      if (this.steady) clearTimeout(this.steady);
      // The api hung up on purpose, and Socket.IO does not come back by itself then. After an ended sign-in (said
      // just before) it stays down; otherwise it asks again after a while, longer each time it is hung up on, so an
      // api that keeps dropping it is not asked in a loop (a refused handshake then signs out, below).
      if (reason !== 'io server disconnect' || this.expired || this.closed) return;
      const delayMs = Math.min(30_000, 1_000 * 2 ** this.hangUps) * (0.5 + Math.random() / 2);
      this.hangUps += 1;
      this.rejoin = setTimeout(() => socket.connect(), delayMs);
    });
    socket.on('connect_error', (error: Error) => {
      store.setConnection('offline');
      if (error.message === 'unauthenticated') this.options.onUnauthenticated();
    });
    socket.on('robot', (robot) => store.upsertRobot(robot));
    socket.on('task', ({ task }) => store.upsertTask(task));
    socket.on('fleet', (fleet) => store.setFleet(fleet));
    socket.on('alert', (alert) => {
      const known = store.getState().alerts.has(alert.id);
      store.upsertAlert(alert);
      if (!known && alert.severity === 'stat' && !alert.acknowledgedAt) this.options.onStatAlert(alert);
    });
  }

  stop(): void {
    this.closed = true;
    for (const timer of [this.retry, this.rejoin, this.steady]) if (timer) clearTimeout(timer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }

  private async resync(): Promise<void> {
    const { store, api, timezone } = this.options;
    store.beginSync();
    try {
      const snapshot = await loadSnapshot(api, timezone, Date.now());
      if (this.closed || !this.socket?.connected) return;
      store.applySnapshot(snapshot, Date.now());
      store.setConnection('online');
      if (this.everConnected) this.options.onResynced();
      this.everConnected = true;
    } catch {
      // REST failed while the socket is up (api restarting): try again shortly.
      if (!this.closed) this.retry = setTimeout(() => void this.resync(), 2000);
    }
  }
}
