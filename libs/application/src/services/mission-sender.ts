import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Mission, RobotLink } from '../ports/robot-link.port';

export interface MissionSenderOptions {
  /** Resend a mission the robot has not echoed after this long. */
  readonly resendAfterMs: number;
  /** Give up after this many sends that reached the broker while the robot was online; the caller re-queues. */
  readonly maxSends: number;
}

export const DEFAULT_MISSION_SENDER_OPTIONS: MissionSenderOptions = { resendAfterMs: 2_000, maxSends: 5 };

interface Pending {
  readonly mission: Mission;
  sends: number;
  lastSentAt: number;
  /** When a send first reached the broker. */
  firstSentAt?: number;
}

/**
 * VDA 5050 sends orders at QoS 0 and a robot confirms one only by echoing its orderId in its state. Until then the
 * same order (same orderId and orderUpdateId, which a robot ignores if it already has it) is sent again, a bounded
 * number of times.
 *
 * Only sends that could have reached the robot count towards the bound: while the broker is down (the link refuses
 * with ROBOT_LINK_DOWN) or the robot is offline, the mission is held, not given up — it is what was decided, and it
 * goes out as soon as both ends are back (`flush`). A robot that is online, hears us and still does not confirm is
 * given up on after `maxSends`; one that never comes back is the robot watchdog's business.
 */
export class MissionSender {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly link: RobotLink,
    private readonly clock: Clock,
    private readonly onError: (error: Error, missionId: string) => void,
    private readonly options: MissionSenderOptions = DEFAULT_MISSION_SENDER_OPTIONS,
    /** Whether the robot can hear an order now (online, as far as the fleet knows). */
    private readonly reachable: (robotId: string) => boolean = () => true,
  ) {}

  async send(mission: Mission): Promise<void> {
    const entry: Pending = { mission, sends: 0, lastSentAt: 0 };
    this.pending.set(mission.id, entry);
    await this.attempt(entry);
  }

  /** The robot echoed the mission (or answered it with a rejection), or the task left the robot: stop resending. */
  settle(missionId: string): void {
    this.pending.delete(missionId);
  }

  isPending(missionId: string): boolean {
    return this.pending.has(missionId);
  }

  /** When a pending mission first went out to its robot; undefined once settled or given up, or while held. */
  sentAt(missionId: string): number | undefined {
    return this.pending.get(missionId)?.firstSentAt;
  }

  /** Sends every held mission (of one robot, or all) now: the broker or the robot is back. */
  async flush(robotId?: string): Promise<void> {
    for (const entry of [...this.pending.values()]) {
      if (robotId === undefined || entry.mission.robotId === robotId) await this.attempt(entry);
    }
  }

  /** Resends what is due; returns the missions that were never confirmed and are now given up. */
  async resendDue(): Promise<Mission[]> {
    const now = this.clock.now();
    const expired: Mission[] = [];
    for (const entry of [...this.pending.values()]) {
      if (now - entry.lastSentAt < this.options.resendAfterMs) continue;
      if (entry.sends >= this.options.maxSends) {
        this.pending.delete(entry.mission.id);
        expired.push(entry.mission);
      } else {
        await this.attempt(entry);
      }
    }
    return expired;
  }

  private async attempt(entry: Pending): Promise<void> {
    const now = this.clock.now();
    entry.lastSentAt = now;
    if (!this.reachable(entry.mission.robotId)) return;
    try {
      await this.link.sendMission(entry.mission);
      entry.sends += 1;
      entry.firstSentAt ??= now;
    } catch (error) {
      // A broker that is down costs the robot nothing: the send is held for `flush`, not counted.
      if (!(error instanceof DomainError && error.code === DomainErrorCode.RobotLinkDown)) entry.sends += 1;
      this.onError(error as Error, entry.mission.id);
    }
  }
}
