import type { Mutex } from 'async-mutex';
import { canCharge, DomainError, DomainErrorCode, knowsScopes, routerFor, takesInstant, type Facility, type FacilityNode, type Robot } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import { instantActionType, type InstantCommand, type RobotLink } from '../ports/robot-link.port';
import type { SettingStore } from '../ports/setting-store.port';
import { ChangeListeners } from './change-listeners';
import type { FleetRegistry } from './fleet-registry';
import { orderLimitProblem } from './order-limits';
import type { MissionFactory } from './mission-factory';
import { can, requirePermission, type StaffIdentity } from './staff-roles';
import type { DispatchTrigger } from './task.service';

export interface FleetStop {
  /** Epoch ms. */
  readonly at: number;
  readonly byId: string;
  readonly byName: string;
  /**
   * Robots someone had paused on their own before the stop, or paused while it held: lifting the stop does not resume
   * them (a robot paused for a reason stays paused until someone resumes it).
   */
  readonly keepPaused?: readonly string[];
}

export interface FleetStatus {
  readonly stopped: boolean;
  readonly stop?: FleetStop;
  /** Robots online now. */
  readonly online: number;
  /** Of those, how many report that they are paused (VDA 5050 `paused`). */
  readonly paused: number;
  /**
   * Of those, how many are not paused and cannot be: their factsheet lists no startPause with scope INSTANT. While the
   * fleet is stopped they get no new work and finish the order they have (cancel its task to stop one sooner).
   */
  readonly cannotPause: number;
}

const STOP_KEY = 'fleet.stop';
/** While the fleet is stopped, a robot that shows up unpaused is told again, at most this often. */
const REPAUSE_EVERY_MS = 5_000;

/**
 * Staff commands to robots: pause and resume one (VDA 5050 startPause / stopPause), send one to charge, take one out
 * of service, stop the whole fleet and resume it. A stop is kept in the store, so it outlives a restart, and robots
 * that come online while it holds are paused too; only a manager lifts it. A command to one robot whose factsheet
 * does not list its action (with scope INSTANT; startCharging with scope NODE) is refused, as the vehicle would.
 */
export class FleetControlService {
  private readonly changes = new ChangeListeners<FleetStatus>();
  private readonly pauseSentAt = new Map<string, number>();
  private stop?: FleetStop;

  constructor(
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    private readonly missions: MissionFactory,
    private readonly facility: Facility,
    private readonly settings: SettingStore,
    private readonly clock: Clock,
    private readonly dispatch: DispatchTrigger,
    /** The task mutex: a charge trip is decided as a round's orders are, not in the middle of one (or of a report). */
    private readonly mutex: Pick<Mutex, 'runExclusive'> = { runExclusive: async (work) => work() },
  ) {}

  async load(): Promise<void> {
    const saved = await this.settings.get(STOP_KEY);
    this.stop = saved ? (JSON.parse(saved) as FleetStop) : undefined;
    this.fleet.holdAll(this.stop !== undefined);
  }

  onChange(listener: (status: FleetStatus) => void): () => void {
    return this.changes.add(listener);
  }

  status(): FleetStatus {
    const online = this.fleet.list().filter((r) => r.connection === 'ONLINE');
    return {
      stopped: this.stop !== undefined,
      stop: this.stop,
      online: online.length,
      paused: online.filter((r) => r.paused).length,
      cannotPause: online.filter((r) => !r.paused && !takesInstant(r, 'startPause')).length,
    };
  }

  async pause(robotId: string, actor: StaffIdentity): Promise<Robot> {
    requirePermission(actor, 'robot.pause');
    const robot = this.online(robotId);
    await this.link.sendInstant(robot.id, this.accepted(robot, { kind: 'pause' }));
    if (this.stop && !this.stop.keepPaused?.includes(robot.id)) {
      this.stop = { ...this.stop, keepPaused: [...(this.stop.keepPaused ?? []), robot.id] };
      await this.settings.put(STOP_KEY, JSON.stringify(this.stop));
    }
    return robot;
  }

  async resume(robotId: string, actor: StaffIdentity): Promise<Robot> {
    requirePermission(actor, 'robot.resume');
    if (this.stop && !can(actor, 'fleet.resume')) {
      throw new DomainError(DomainErrorCode.Forbidden, 'the whole fleet is stopped: only a manager may put robots back to work', 'fleet.resume');
    }
    const robot = this.online(robotId);
    await this.link.sendInstant(robot.id, this.accepted(robot, { kind: 'resume' }));
    return robot;
  }

  /** Sends an idle robot to the nearest charger nobody stands on. */
  async sendToCharge(robotId: string, actor: StaffIdentity): Promise<{ robot: Robot; charger: FacilityNode }> {
    requirePermission(actor, 'robot.charge');
    return this.mutex.runExclusive(() => this.chargeTrip(robotId));
  }

  private async chargeTrip(robotId: string): Promise<{ robot: Robot; charger: FacilityNode }> {
    const robot = this.online(robotId);
    if (robot.currentTaskId) {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} is busy with task ${robot.currentTaskId}; cancel it or wait`, 'currentTaskId');
    }
    // an order it runs (a trip to a waiting point, a stale order being called off) would make it refuse a new one
    if (robot.missionId) {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} is on its way with order ${robot.missionId}; wait until it stands`, 'missionId');
    }
    // A charge trip is an order with startCharging at the charger: a vehicle that does not take it on a node refuses it.
    if (knowsScopes(robot) && !canCharge(robot)) {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} cannot be sent to charge: its factsheet does not list startCharging for a node`, 'actions');
    }
    const charger = this.nearestFreeCharger(robot);
    const now = this.clock.now();
    const mission = this.missions.toCharger(robot, charger.id, now);
    const over = orderLimitProblem(mission, robot.orderLimits, (stage) => this.link.orderBytes?.(stage));
    if (over) throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} cannot be sent to charger ${charger.id}: ${over.problem} (its factsheet, protocolLimits ${over.limit})`, 'orderLimits');
    const updated = await this.fleet.update(robot.id, (r) => ({ ...r, missionId: mission.id }), now, true);
    await this.link.sendMission(mission);
    return { robot: updated ?? robot, charger };
  }

  /** A robot out of service gets no new work; it finishes what it carries. */
  async setInService(robotId: string, inService: boolean, actor: StaffIdentity): Promise<Robot> {
    requirePermission(actor, 'robot.service');
    const robot = this.known(robotId);
    const updated = await this.fleet.update(robot.id, (r) => (r.inService === inService ? r : { ...r, inService }), this.clock.now(), true);
    this.dispatch.request();
    return updated ?? robot;
  }

  async stopAll(actor: StaffIdentity): Promise<FleetStatus> {
    requirePermission(actor, 'fleet.stop');
    this.stop ??= { at: this.clock.now(), byId: actor.id, byName: actor.displayName, keepPaused: this.fleet.list().filter((r) => r.paused).map((r) => r.id) };
    // no order goes out from now on, to any robot (FleetRegistry.holdAll), before the pauses are even sent
    this.fleet.holdAll(true);
    await this.settings.put(STOP_KEY, JSON.stringify(this.stop));
    await this.broadcast('pause');
    return this.announce();
  }

  async resumeAll(actor: StaffIdentity): Promise<FleetStatus> {
    requirePermission(actor, 'fleet.resume');
    const keepPaused = new Set(this.stop?.keepPaused ?? []);
    this.stop = undefined;
    await this.settings.put(STOP_KEY, undefined);
    this.fleet.holdAll(false);
    this.pauseSentAt.clear();
    await this.broadcast('resume', keepPaused);
    this.dispatch.request();
    return this.announce();
  }

  /**
   * Keeps a stop in force for robots that come online (or lose their pause) while it holds; not for a robot whose
   * factsheet lists no startPause (it would refuse it every few seconds: it is held from new work instead).
   */
  async onRobotChanged(robot: Robot): Promise<void> {
    if (this.stop && robot.connection === 'ONLINE' && !robot.paused && takesInstant(robot, 'startPause')) {
      const now = this.clock.now();
      if (now - (this.pauseSentAt.get(robot.id) ?? -Infinity) < REPAUSE_EVERY_MS) return;
      this.pauseSentAt.set(robot.id, now);
      await this.link.sendInstant(robot.id, { kind: 'pause' });
    }
  }

  private async broadcast(kind: 'pause' | 'resume', except: ReadonlySet<string> = new Set()): Promise<void> {
    const now = this.clock.now();
    const type = kind === 'pause' ? 'startPause' : 'stopPause';
    // (a robot whose factsheet does not list the action would only refuse it)
    const robots = this.fleet.list().filter((r) => r.connection === 'ONLINE' && takesInstant(r, type) && !except.has(r.id));
    // One robot the link cannot reach must not keep the others from stopping.
    await Promise.allSettled(robots.map((r) => this.link.sendInstant(r.id, { kind })));
    if (kind === 'pause') for (const r of robots) this.pauseSentAt.set(r.id, now);
  }

  private announce(): FleetStatus {
    const status = this.status();
    this.changes.emit(status);
    return status;
  }

  private known(robotId: string): Robot {
    const robot = this.fleet.get(robotId);
    if (!robot) throw new DomainError(DomainErrorCode.RobotNotFound, `robot ${robotId} not found`, 'id');
    return robot;
  }

  /** The command, when the robot's factsheet lists its action with scope INSTANT (or we do not know its factsheet). */
  private accepted(robot: Robot, command: InstantCommand): InstantCommand {
    const type = instantActionType(command);
    if (!takesInstant(robot, type)) {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} does not take ${type}: its factsheet does not list it as an instant action`, 'instantActions');
    }
    return command;
  }

  private online(robotId: string): Robot {
    const robot = this.known(robotId);
    if (robot.connection !== 'ONLINE') {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} is not online`, 'connection');
    }
    return robot;
  }

  private nearestFreeCharger(robot: Robot): FacilityNode {
    const taken = new Set(this.fleet.list().filter((r) => r.id !== robot.id).map((r) => r.lastNodeId));
    const start = robot.lastNodeId;
    if (!start || !this.facility.hasNode(start)) {
      throw new DomainError(DomainErrorCode.RobotConflict, `robot ${robot.name} has not reported where it stands yet`, 'lastNodeId');
    }
    const router = routerFor(this.facility);
    const reachable = this.facility
      .chargers()
      .filter((c) => !taken.has(c.id) || c.id === start)
      .map((c) => ({ charger: c, time: router.travelTimeS(c.id, start, robot.speed) }))
      .filter((c) => Number.isFinite(c.time))
      .sort((a, b) => a.time - b.time);
    const best = reachable[0];
    if (!best) throw new DomainError(DomainErrorCode.NoRoute, `no free charger can be reached from ${start}`, 'charger');
    return best.charger;
  }
}
