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

/**
 * Keeps old news from overwriting new. Per robot, a state is taken only if it is newer than the last one taken by its
 * headerId or its timestamp (VDA 5050: headerId counts up per topic); one older by both — a QoS 1 redelivery, a
 * duplicate, a message overtaken on the way — is dropped and counted. A robot that restarts counts its headerId from
 * 0 again, so a new session (its ONLINE) starts the comparison afresh. Connection messages are only de-duplicated:
 * the last will's header is stamped when the robot connects, so it is always "old" (§6.14).
 */
export class MessageOrderGuard {
  private readonly states = new Map<string, Seen>();
  private readonly connections = new Map<string, string[]>();
  private readonly dropped = { duplicate: 0, stale: 0 };

  acceptState(robotId: string, headerId: number, timestamp: string): boolean {
    const next: Seen = { headerId, at: Date.parse(timestamp) };
    const last = this.states.get(robotId);
    if (last && next.headerId <= last.headerId && !(next.at > last.at)) {
      this.dropped[next.headerId === last.headerId && next.at === last.at ? 'duplicate' : 'stale'] += 1;
      return false;
    }
    rememberNewest(this.states, robotId, next, REMEMBERED_ROBOTS);
    return true;
  }

  acceptConnection(robotId: string, headerId: number, timestamp: string, state: string): boolean {
    const key = `${headerId}|${timestamp}|${state}`;
    const seen = this.connections.get(robotId) ?? [];
    if (seen.includes(key)) {
      this.dropped.duplicate += 1;
      return false;
    }
    rememberNewest(this.connections, robotId, [...seen, key].slice(-REMEMBERED_CONNECTION_MESSAGES), REMEMBERED_ROBOTS);
    if (state === 'ONLINE') this.states.delete(robotId);
    return true;
  }

  /** Messages dropped so far, by why. */
  counts(): { duplicate: number; stale: number } {
    return { ...this.dropped };
  }
}
