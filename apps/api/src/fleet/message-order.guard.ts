import { headerTimeMs } from '@opiekun/vda5050';

/** What the guard remembers of the newest message taken from one robot on one topic. */
interface Seen {
  readonly headerId: number;
  /** Header timestamp, epoch ms (NaN when unreadable). */
  readonly at: number;
}

const REMEMBERED_CONNECTION_MESSAGES = 8;

/**
 * Robots remembered at most (the least recently heard go first): messages come for any name a publisher makes up, not
 * only for the fleet's, and must not grow the api's memory without bound. A robot forgotten has its next message taken.
 */
export const REMEMBERED_ROBOTS = 10_000;

/** Sets `key` as the newest entry of `map`, dropping the oldest beyond `limit`. */
export function rememberNewest<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
}

/** Header timestamps (epoch ms) of what the guard took from one robot, to date its last wills (see acceptConnection). */
interface Sessions {
  /** The newest message taken in the robot's current session (since its last ONLINE). */
  readonly newest: number;
  /** The newest message taken before that ONLINE: the sessions before; undefined when unknown or not comparable. */
  readonly before?: number;
}

/**
 * Keeps old news from overwriting new. Per robot, a state is taken only if it is newer than the last one taken by its
 * headerId or its timestamp (VDA 5050: headerId counts up per topic); one older by both — a QoS 1 redelivery, a
 * duplicate, a message overtaken on the way — is dropped and counted. A robot that restarts counts its headerId from
 * 0 again, so a new session (its ONLINE) starts the comparison afresh.
 *
 * Connection messages are de-duplicated, and a last will from an earlier session is dropped as stale. A will's header
 * is stamped when its connection is made, before that session's ONLINE (§6.14: "always outdated"), so being older than
 * the last ONLINE does not make it stale: the current session's own will is too. What it cannot be older than is
 * anything the robot sent in a session before — so a CONNECTIONBROKEN no newer than a message taken before the current
 * ONLINE is an old session's will, which a broker fires late when that connection had half-opened and the robot had
 * already reconnected.
 */
export class MessageOrderGuard {
  private readonly states = new Map<string, Seen>();
  private readonly connections = new Map<string, string[]>();
  private readonly sessions = new Map<string, Sessions>();
  private readonly dropped = { duplicate: 0, stale: 0 };

  acceptState(robotId: string, headerId: number, timestamp: string): boolean {
    const next: Seen = { headerId, at: headerTimeMs(timestamp) };
    const last = this.states.get(robotId);
    if (last && next.headerId <= last.headerId && !(next.at > last.at)) {
      this.dropped[next.headerId === last.headerId && next.at === last.at ? 'duplicate' : 'stale'] += 1;
      return false;
    }
    rememberNewest(this.states, robotId, next, REMEMBERED_ROBOTS);
    this.took(robotId, next.at);
    return true;
  }

  /**
   * `connectedNow`: whether the robot has a connection to the broker as this message is read (the embedded broker
   * knows; undefined elsewhere). A CONNECTIONBROKEN while it has one is an old connection's will, whatever its
   * timestamp; one while it has none is news, however old (a vehicle may set its will once and reuse it on every
   * reconnect, so its timestamp dates nothing — and such a will, seen before, is news again, not a duplicate). Without
   * that knowledge its timestamp decides, as below.
   */
  acceptConnection(robotId: string, headerId: number, timestamp: string, state: string, connectedNow?: boolean): boolean {
    const key = `${headerId}|${timestamp}|${state}`;
    const seen = this.connections.get(robotId) ?? [];
    const broken = state === 'CONNECTIONBROKEN';
    if (seen.includes(key) && !(broken && connectedNow === false)) {
      this.dropped.duplicate += 1;
      return false;
    }
    const at = headerTimeMs(timestamp);
    const before = this.sessions.get(robotId)?.before;
    const stale = connectedNow !== undefined ? connectedNow : before !== undefined && at <= before;
    if (broken && stale) {
      this.dropped.stale += 1;
      return false;
    }
    rememberNewest(this.connections, robotId, [...seen, key].slice(-REMEMBERED_CONNECTION_MESSAGES), REMEMBERED_ROBOTS);
    if (state === 'ONLINE') {
      this.states.delete(robotId);
      this.newSession(robotId, at);
    } else {
      this.took(robotId, at);
    }
    return true;
  }

  /** Messages dropped so far, by why. */
  counts(): { duplicate: number; stale: number } {
    return { ...this.dropped };
  }

  private took(robotId: string, at: number): void {
    const sessions = this.sessions.get(robotId);
    if (!Number.isFinite(at) || (sessions && sessions.newest >= at)) return;
    rememberNewest(this.sessions, robotId, { ...sessions, newest: at }, REMEMBERED_ROBOTS);
  }

  private newSession(robotId: string, at: number): void {
    const newest = this.sessions.get(robotId)?.newest;
    if (!Number.isFinite(at)) {
      this.sessions.delete(robotId);
      return;
    }
    // An ONLINE no newer than what came before: the robot's clock went back (a restart), so old times date nothing.
    rememberNewest(this.sessions, robotId, { newest: at, before: newest !== undefined && newest < at ? newest : undefined }, REMEMBERED_ROBOTS);
  }
}
