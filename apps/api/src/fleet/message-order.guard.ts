/** What the guard remembers of the newest message taken from one robot on one topic. */
interface Seen {
  readonly headerId: number;
  /** Header timestamp, epoch ms (NaN when unreadable). */
  readonly at: number;
}

const REMEMBERED_CONNECTION_MESSAGES = 8;

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
    this.states.set(robotId, next);
    return true;
  }

  acceptConnection(robotId: string, headerId: number, timestamp: string, state: string): boolean {
    const key = `${headerId}|${timestamp}|${state}`;
    const seen = this.connections.get(robotId) ?? [];
    if (seen.includes(key)) {
      this.dropped.duplicate += 1;
      return false;
    }
    this.connections.set(robotId, [...seen, key].slice(-REMEMBERED_CONNECTION_MESSAGES));
    if (state === 'ONLINE') this.states.delete(robotId);
    return true;
  }

  /** Messages dropped so far, by why. */
  counts(): { duplicate: number; stale: number } {
    return { ...this.dropped };
  }
}
