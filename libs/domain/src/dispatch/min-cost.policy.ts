import { routerFor } from '../facility/routing';
import { canDo, type Robot } from '../robot/robot';
import { priorityRank, type Task } from '../task/task';
import { assignDecision } from './assign-decision';
import { IMPOSSIBLE, solveAssignment } from './assignment-solver';
import { chargingTrips } from './charging-trips';
import { DEFAULT_COST_WEIGHTS, offer, taskFacts, type CostWeights, type Offer, type Slot, type TaskFacts } from './cost-model';
import { DemandMap } from './demand-map';
import { Scarcity } from './scarcity';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig, type DispatchDecision, type DispatchPolicy, type DispatchSnapshot } from './dispatch-policy';
import { isOperational, type PlanningRobot, planningFleet, tasksOfRobots } from './fleet-state';
import { idleTrips } from './idle-positioning';
import { serviceSecondsOf } from './work-estimate';
import { statPreemptions, type StatNeed } from './stat-preemption';
import { stopsInFacility, unassignableDecision } from './task-feasibility';

export interface MinCostOptions {
  readonly weights?: CostWeights;
  /**
   * Tasks planned per robot and round beyond its current work (its short queue); only the head of a free robot's
   * queue is sent, the rest is planned again next round. 1: a busy robot's queue is its current task and the next.
   */
  readonly queueDepth?: number;
  /** Seconds: a busy robot is planned only when it will be free within this (others cannot beat a free robot). */
  readonly horizonS?: number;
  /** Candidate tasks per robot in each layer of the plan: the most urgent ones, so that none is starved. */
  readonly tasksPerRobot?: number;
  /**
   * Work budget of one layer, in steps of the assignment solver (see assignment-solver.ts): beyond it the layer is
   * planned by a greedy pass, so a round stays bounded whatever the fleet; degraded rounds are counted in `stats`.
   * The default lets the optimum through at 200 robots × a 400-task window (about 1.5 million steps, 8 ms on the
   * 2-core bench machine) and sends 1000 robots to the greedy pass without trying.
   */
  readonly budget?: number;
  /**
   * Candidate pairs of the assignment: each robot's this many cheapest tasks of the window, a quarter as many cheapest
   * relative to the task's best robot, and each task's half as many cheapest robots (assignment-solver.ts,
   * candidateGraph); the optimum over them, within a fraction of a percent of the dense optimum, at a fraction of the
   * work. Used only where the dense solve is long (see SPARSE_FROM); undefined: always dense.
   */
  readonly candidates?: number;
  /** Seconds a stat task must gain from a preemption for it to happen. */
  readonly preemptMarginS?: number;
  /** Percent under which an idle robot goes to charge (opportunistic charging)… */
  readonly chargeBelow?: number;
  /** … and up to which an idle robot standing on a free charger charges (hysteresis). */
  readonly chargeUntil?: number;
  /** Seconds of the fleet's expected drive to the next task an idle robot's move to a waiting point must save. */
  readonly parkGainS?: number;
  /** Waiting points considered near each place where work starts. */
  readonly pointsPerHotspot?: number;
  /** Tasks (decayed count) the demand map must have seen before idle robots are moved on its strength. */
  readonly minDemand?: number;
  /**
   * Weight of the opportunity cost of giving work any robot could do to one of the few robots able to do some other
   * work that is in demand (see scarcity.ts); 0 turns it off.
   */
  readonly scarcityWeight?: number;
  /**
   * Seconds a robot that is not free yet must finish a task sooner than a free one for the task to wait for it
   * (default: the dispatch configuration's `waitForBusyMarginS`).
   */
  readonly waitMarginS?: number;
  /** Half-life of the fairness ledger and of the demand map, seconds. */
  readonly memoryHalfLifeS?: number;
}

const DEFAULTS: Required<Omit<MinCostOptions, 'waitMarginS'>> & Pick<MinCostOptions, 'waitMarginS'> = {
  weights: DEFAULT_COST_WEIGHTS,
  queueDepth: 1,
  horizonS: 300,
  tasksPerRobot: 2,
  budget: 4_000_000,
  candidates: 16,
  preemptMarginS: 60,
  chargeBelow: 40,
  chargeUntil: 90,
  parkGainS: 5,
  pointsPerHotspot: 6,
  minDemand: 5,
  memoryHalfLifeS: 3_600,
  scarcityWeight: 1,
};

/**
 * A layer is solved over candidate pairs only when the dense solve's estimated steps (k³/5, k the smaller side; see
 * assignment-solver.ts) exceed this: from about 170 robots. Below it the sparse solve saved nothing measurable (132 ×
 * 264: 2.6–3.3 ms dense, 2.9–3.2 sparse) and the plan stays the exact optimum; at 200 × 400 it saves about 3 ms.
 */
const SPARSE_FROM = 1_000_000;

/** Idle robots whose picture did not change are placed again after this long (demand moves on meanwhile). */
const IDLE_REVIEW_MS = 30_000;

/** Seconds from arriving at a charger to being free there: the startCharging action of the trip. */
const CHARGE_START_S = 3;

interface Planned {
  readonly slot: Slot;
  readonly task: Task;
  readonly offer: Offer;
  readonly layer: number;
}

/**
 * The default policy: it plans, it does not just pick. Every round (tasks added, cancelled or finished, robots
 * joining, leaving, charging — DispatchService batches them — and every few seconds) it builds a short queue for every
 * robot by minimum-cost assignment over the current snapshot, layer by layer (shortest augmenting paths over robots ×
 * the most urgent tasks; see cost-model.ts for the cost: priority-weighted finish time, deadline slack, travel with
 * elevators, battery feasibility, fairness), and sends the head of each free robot's queue. A task may thus wait for
 * a busy robot that will do it sooner than a free one. Stat tasks preempt routine work when that gains a minute; idle
 * robots charge opportunistically and wait at the charger nearest to where work starts.
 *
 * Memory (advisory, rebuilt after a restart): a decayed ledger of each robot's work (fairness) and a decayed map of
 * where tasks start (idle positioning). Everything else is a function of the snapshot.
 */
export class MinCostPolicy implements DispatchPolicy {
  readonly name = 'min-cost';
  private readonly options: typeof DEFAULTS;
  private readonly demand: DemandMap;
  private readonly ledger = new Map<string, number>();
  /** Trips of robots' own (to a charger, to a waiting point): where to, and when they get there. */
  private readonly trips = new Map<string, { node: string; charger: boolean; arriveAt: number }>();
  private readonly caches = new RoundCaches();
  private ledgerAt: number | undefined;
  private idleKey = '';
  /** Robots that went under `chargeBelow` and have not reached `chargeUntil` since (charging hysteresis). */
  private readonly recharging = new Set<string>();
  private idleAt = -Infinity;
  private readonly statsMutable = { rounds: 0, degradedRounds: 0, sparseRounds: 0 };

  constructor(options: MinCostOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.demand = new DemandMap(this.options.memoryHalfLifeS);
  }

  /**
   * Rounds planned; of them, those where some layer was over the budget and planned greedily (`degradedRounds`), and
   * those solved over the candidate pairs only, near the optimum rather than at it (`sparseRounds`; see `candidates`).
   */
  get stats(): { readonly rounds: number; readonly degradedRounds: number; readonly sparseRounds: number } {
    return { ...this.statsMutable };
  }

  plan(snapshot: DispatchSnapshot): DispatchDecision[] {
    const config: Required<DispatchConfig> = { ...DEFAULT_DISPATCH_CONFIG, ...snapshot.config };
    this.statsMutable.rounds += 1;
    // the work a task brings, for the scarcity of robots: its service (no route search for every task seen)
    this.demand.observe(snapshot.tasks, snapshot.now, (task) => serviceSecondsOf(task, config));
    this.decayLedger(snapshot.now);
    this.forgetRobotsGone(snapshot.robots);
    // the robots' current tasks, found once a round (a pass over every task): for the fleet and for stat preemption
    const robotTasks = tasksOfRobots(snapshot.robots, snapshot.tasks);
    const fleet = this.withChargeTrips(planningFleet(snapshot.robots, snapshot.tasks, snapshot.facility, config, robotTasks), snapshot.now, snapshot.facility);
    this.caches.begin();
    const operational = snapshot.robots.filter((r) => isOperational(r));
    const scarcity = new Scarcity(operational, this.options.scarcityWeight > 0 ? this.demand.workRateByNeed() : new Map());
    const round = new PlanRound(snapshot, config, this.options, fleet, this.ledger, this.caches, scarcity, robotTasks);
    const decisions = round.run();
    if (round.degraded) this.statsMutable.degradedRounds += 1;
    else if (round.sparse) this.statsMutable.sparseRounds += 1;
    for (const d of decisions) if (d.kind === 'assign') this.ledger.set(d.robotId, (this.ledger.get(d.robotId) ?? 0) + (d.finishAt - snapshot.now) / 1000);
    const idle = fleet.filter((r) => r.freeNow && !round.busy.has(r));
    const { chargeBelow, chargeUntil, parkGainS: moveGainS, pointsPerHotspot, minDemand } = this.options;
    const destinations = new Map([...this.trips].map(([id, trip]) => [id, trip.node]));
    // this round's charge trips too: the chargers they go to are taken for idle robots placed below
    for (const d of decisions) if (d.kind === 'charge') destinations.set(d.robotId, d.chargerNode);
    // the idle robots are placed again only when the idle picture changed, or a while after the last time
    const key = idle.map((r) => `${r.robot.id}@${r.robot.lastNodeId}:${r.robot.charging ? 1 : 0}:${Math.floor((r.robot.battery ?? 100) / 5)}`).join(',') + (round.workWaiting ? '+' : '');
    const fresh = key !== this.idleKey || snapshot.now - this.idleAt >= IDLE_REVIEW_MS || snapshot.now < this.idleAt;
    for (const { id, battery } of snapshot.robots) {
      if (battery === undefined || battery >= chargeUntil) this.recharging.delete(id);
      else if (battery < chargeBelow) this.recharging.add(id);
    }
    const options = { chargeBelow, chargeUntil, moveGainS, pointsPerHotspot, minDemand };
    const idleDecisions = fresh ? idleTrips(idle, fleet, snapshot.facility, this.demand, options, round.workWaiting, destinations, this.recharging, snapshot.refusedChargers) : [];
    if (fresh) {
      this.idleKey = key;
      this.idleAt = snapshot.now;
    }
    const all = [...decisions, ...idleDecisions];
    for (const d of all) {
      if (d.kind === 'charge') this.trips.set(d.robotId, { node: d.chargerNode, charger: true, arriveAt: snapshot.now + d.route.durationS * 1000 });
      if (d.kind === 'park') this.trips.set(d.robotId, { node: d.node, charger: false, arriveAt: snapshot.now + d.route.durationS * 1000 });
    }
    return all;
  }

  /**
   * A robot on its way to a charger or a waiting point takes no order until it is there, but it will be free there
   * soon: it is planned as busy until its (remembered) arrival, at its destination, so work near it can wait for it.
   * A destination that is a charger is held by it (no other robot is sent there meanwhile).
   */
  private withChargeTrips(fleet: PlanningRobot[], now: number, facility: DispatchSnapshot['facility']): PlanningRobot[] {
    return fleet.map((r) => {
      const trip = this.trips.get(r.robot.id);
      const onTrip = r.robot.missionId !== undefined && r.robot.currentTaskId === undefined;
      if (!trip || !onTrip) {
        if (trip && r.robot.missionId === undefined) this.trips.delete(r.robot.id);
        return r;
      }
      if (!isOperational(r.robot) || r.robot.lastNodeId === undefined) return r;
      const freeInS = Math.max(0, trip.arriveAt - now) / 1000 + (trip.charger ? CHARGE_START_S : 0);
      // a literal with planningRobot's properties in its order, not a spread: one shape for every planning robot, so
      // the pricing loop that reads them is not deoptimised when the first robot on a trip comes
      // a robot on its way to wait at a charger holds it as one going to charge there: no other is sent to it
      const holdsCharger = trip.charger || facility.findNode(trip.node)?.kind === 'charger' ? trip.node : undefined;
      return { robot: r.robot, available: true, freeNow: false, freeInS, freeAt: trip.node, holdsCharger };
    });
  }

  /** What it remembers of robots no longer in the fleet (taken out of it, renamed) goes with them. */
  private forgetRobotsGone(robots: DispatchSnapshot['robots']): void {
    const present = new Set(robots.map((r) => r.id));
    for (const map of [this.ledger, this.trips]) for (const id of map.keys()) if (!present.has(id)) map.delete(id);
    for (const id of this.recharging) if (!present.has(id)) this.recharging.delete(id);
  }

  private decayLedger(now: number): void {
    if (this.ledgerAt !== undefined && now > this.ledgerAt) {
      const factor = 0.5 ** ((now - this.ledgerAt) / 1000 / this.options.memoryHalfLifeS);
      for (const [id, seconds] of this.ledger) this.ledger.set(id, seconds * factor);
    }
    this.ledgerAt = Math.max(this.ledgerAt ?? now, now);
  }
}

/** One planning round; `busy` holds the robots given something to do (work, a charge trip, a preemption). */
class PlanRound {
  readonly busy = new Set<PlanningRobot>();
  degraded = false;
  sparse = false;
  /** Some ready task has no place in this round's plan: no robot is sent to charge for comfort. */
  workWaiting = false;
  private readonly decisions: DispatchDecision[] = [];
  private readonly facts = new Map<string, TaskFacts | undefined>();
  private readonly shortOfBattery = new Set<PlanningRobot>();
  private readonly scarcityByKinds = new Map<number, number>();
  /** Stat tasks among the ready ones (at their head). */
  private statCount = 0;

  constructor(
    private readonly snapshot: DispatchSnapshot,
    private readonly config: Required<DispatchConfig>,
    private readonly options: typeof DEFAULTS,
    private readonly fleet: PlanningRobot[],
    private readonly ledger: ReadonlyMap<string, number>,
    private readonly caches: RoundCaches,
    private readonly scarcity: Scarcity,
    /** The tasks robots report as their current one (tasksOfRobots). */
    private readonly robotTasks: ReadonlyMap<string, Task>,
  ) {}

  run(): DispatchDecision[] {
    const ready = this.feasibleReady();
    const low = this.fleet.filter((r) => r.freeNow && r.robot.battery !== undefined && r.robot.battery < this.config.batteryReserve && !r.robot.charging);
    const slots = this.slots(new Set(low));
    const planned = this.planLayers(slots, ready);
    this.workWaiting = planned.length < ready.length;
    for (const p of planned) {
      if (p.layer !== 0 || !p.slot.robot.freeNow) continue;
      this.decisions.push(assignDecision(p.task, p.slot.robot, this.factsOf(p.task, p.slot.robot.robot.speed)!.stops, p.offer.finishS, this.snapshot));
      this.busy.add(p.slot.robot);
    }
    this.preemptForStat(ready, planned);
    const charge = chargingTrips(this.fleet, this.snapshot.facility, (r) => !this.busy.has(r) && (low.includes(r) || this.shortOfBattery.has(r)), this.snapshot.refusedChargers);
    for (const d of charge) this.busy.add(this.fleet.find((r) => r.robot.id === (d as { robotId: string }).robotId)!);
    return [...this.decisions, ...charge];
  }

  /** Ready tasks that may start now and that some robot could ever do, most urgent first; the others are reported. */
  private feasibleReady(): Task[] {
    const kinds = this.caches.kinds;
    const fleetKinds = [...new Map(this.snapshot.robots.map((r) => [kinds.robotKind(r), r]))];
    const capableOf = new Map<number, Robot | undefined>();
    const now = this.snapshot.now;
    // the order is kept between rounds (RoundCaches.readyOrder): only the tasks not in the last round's order are
    // sorted, then merged in — a round at scale sees thousands of ready tasks of which one or two are new
    const round = this.caches.current;
    const fresh: TaskEntry[] = [];
    for (const task of this.snapshot.tasks) {
      if (task.status !== 'ready' || (task.earliestStart !== undefined && task.earliestStart > now)) continue;
      const entry = this.caches.entry(task);
      // a task id twice in one snapshot (the stores never give one): its first copy only
      if (entry.readyIn === round) continue;
      const need = entry.needKind;
      if (!capableOf.has(need)) capableOf.set(need, fleetKinds.find(([kind, robot]) => kinds.can(kind, need, robot, task))?.[1]);
      const someone = capableOf.get(need);
      const reason = !someone ? 'no-capable-robot' : !this.factsOf(task, someone.speed, entry.facts) ? 'no-route' : undefined;
      if (reason) this.decisions.push(unassignableDecision(task, reason));
      else {
        entry.task = task;
        entry.readyIn = round;
        if (!entry.ordered) fresh.push(entry);
      }
    }
    const order = this.caches.readyOrder(fresh.sort(urgentFirst));
    const ready: Task[] = new Array<Task>(order.length);
    for (let i = 0; i < order.length; i++) {
      const entry = order[i]!;
      ready[i] = entry.task!;
      if (entry.rank === STAT_RANK) this.statCount = i + 1;
    }
    return ready;
  }

  private slots(excluded: ReadonlySet<PlanningRobot>): Slot[] {
    const router = routerFor(this.snapshot.facility);
    const candidates = this.fleet.filter((r) => r.available && !excluded.has(r) && r.freeInS <= this.options.horizonS);
    const meanWork = candidates.reduce((sum, r) => sum + (this.ledger.get(r.robot.id) ?? 0), 0) / Math.max(1, candidates.length);
    return candidates.map((robot) => {
      const { battery, speed } = robot.robot;
      // a busy robot's battery is taken to drain as if it drove all the time until it is free: on the safe side
      const left = battery === undefined ? undefined : battery - robot.freeInS * speed * this.config.batteryDrainPerMeter;
      return {
        robot,
        freeInS: robot.freeInS,
        freeAt: robot.freeAt,
        vertex: router.vertexOf(robot.freeAt),
        battery: left,
        workAboveMeanS: (this.ledger.get(robot.robot.id) ?? 0) - meanWork,
      };
    });
  }

  /** Layer by layer: each robot's next queue place gets at most one task, by minimum total cost. */
  private planLayers(slots: Slot[], ready: readonly Task[]): Planned[] {
    const planned: Planned[] = [];
    let remaining: readonly Task[] = ready;
    const kinds = this.caches.kinds;
    const slotKind = slots.map((slot) => kinds.robotKind(slot.robot.robot));
    const slotKey = slots.map((slot) => actionsKey(slot.robot.robot.actions));
    // a robot of each kind among the slots, to ask which kinds of need some slot can do
    const kindRobot = new Map<number, Robot>();
    for (let i = 0; i < slots.length; i++) if (!kindRobot.has(slotKind[i]!)) kindRobot.set(slotKind[i]!, slots[i]!.robot.robot);
    const doable = new Map<number, boolean>();
    const someSlotCan = (task: Task, need: number): boolean => {
      let can = doable.get(need);
      if (can === undefined) {
        can = false;
        for (const [kind, robot] of kindRobot) if ((can = kinds.can(kind, need, robot, task))) break;
        doable.set(need, can);
      }
      return can;
    };
    for (let layer = 0; layer < this.options.queueDepth && remaining.length > 0 && slots.length > 0; layer++) {
      // the most urgent tasks some robot of this round can do: work only robots not in the round can do (busy past the
      // horizon, low, off) does not crowd out what the others could do now
      const size = Math.max(8, this.options.tasksPerRobot * slots.length);
      const window: Task[] = [];
      for (let i = 0; i < remaining.length && window.length < size; i++) {
        const task = remaining[i]!;
        if (someSlotCan(task, this.caches.entry(task).needKind)) window.push(task);
      }
      if (window.length === 0) break;
      const needs = window.map((task) => this.caches.entry(task).needKind);
      // a task of each need kind, to ask "can this kind of robot do it" once per pair of kinds (not per pair)
      const needTask: Task[] = [];
      for (let column = 0; column < window.length; column++) needTask[needs[column]!] ??= window[column]!;
      const costs = this.priceMatrix(slots, slotKind, slotKey, window, needs, needTask, kinds, layer);
      const k = Math.min(slots.length, window.length);
      const candidates = (k * k * k) / 5 > SPARSE_FROM ? this.options.candidates : undefined;
      const { pairs, degraded, sparse } = solveAssignment(costs, window.length, this.options.budget, candidates);
      this.degraded ||= degraded;
      this.sparse ||= sparse === true;
      if (pairs.length === 0) break;
      const taken = new Set<Task>();
      for (const [row, column] of pairs) {
        const slot = slots[row]!;
        const task = window[column]!;
        const o = offer(slot, this.factsOf(task, slot.robot.robot.speed)!, this.snapshot.now, this.config, this.options.weights)!;
        planned.push({ slot, task, offer: o, layer });
        taken.add(task);
        this.book(slot, task, o);
      }
      // what is left matters only to a next layer (with the default queue depth of 1, none: 2000 tasks not filtered)
      if (layer + 1 < this.options.queueDepth) remaining = remaining.filter((t) => !taken.has(t));
    }
    return planned;
  }

  /**
   * The cost matrix, slots × window: `price` plus `opportunityCost` of each pair (the same arithmetic in the same
   * order), filled task by task over the robots of a speed — a task's approach table is read for all robots at once
   * instead of every task's table for every robot, which at scale (tens of thousands of pairs) was cache misses.
   */
  private priceMatrix(slots: readonly Slot[], slotKind: readonly number[], slotKey: readonly string[], window: readonly Task[], needs: readonly number[], needTask: readonly Task[], kinds: Kinds, layer: number): Float64Array[] {
    const costs = this.caches.matrix(slots.length, window.length);
    const { now } = this.snapshot;
    const { batteryDrainPerMeter, batteryDrainPerSecondWorking, batteryReserve } = this.config;
    const { weights, scarcityWeight } = this.options;
    const { fairness, deferralS, lateness, deadlineRiskS: riskS } = weights;
    const waitS = this.options.waitMarginS ?? this.config.waitForBusyMarginS;
    const scarce = !this.scarcity.none;
    const avoided = this.snapshot.avoided;
    // per robot kind: which kinds of need it can do, and the opportunity cost per second of each (-1: not asked yet)
    const canByKind = new Map<number, Uint8Array>();
    const perSByKind = new Map<number, Float64Array>();
    const bySpeed = new Map<number, number[]>();
    for (let row = 0; row < slots.length; row++) {
      const slot = slots[row]!;
      const kind = slotKind[row]!;
      if (!canByKind.has(kind)) {
        const can = new Uint8Array(needTask.length);
        for (let need = 0; need < needTask.length; need++) can[need] = needTask[need] && kinds.can(kind, need, slot.robot.robot, needTask[need]) ? 1 : 0;
        canByKind.set(kind, can);
        perSByKind.set(kind, new Float64Array(needTask.length).fill(-1));
      }
      const rows = bySpeed.get(slot.robot.robot.speed);
      if (rows) rows.push(row);
      else bySpeed.set(slot.robot.robot.speed, [row]);
    }
    for (const [speed, rows] of bySpeed) {
      // robots by where they are free: each task's approach table is then read in order
      rows.sort((a, b) => slots[a]!.vertex - slots[b]!.vertex || a - b);
      const n = rows.length;
      const vertex = new Int32Array(n);
      const battery = new Float64Array(n);
      const hasBattery = new Uint8Array(n);
      const freeInS = new Float64Array(n);
      const workAboveMeanS = new Float64Array(n);
      const freeNow = new Uint8Array(n);
      const can: Uint8Array[] = [];
      const perS: Float64Array[] = [];
      for (let i = 0; i < n; i++) {
        const slot = slots[rows[i]!]!;
        vertex[i] = slot.vertex;
        hasBattery[i] = slot.battery === undefined ? 0 : 1;
        battery[i] = slot.battery ?? 0;
        freeInS[i] = slot.freeInS;
        workAboveMeanS[i] = slot.workAboveMeanS;
        freeNow[i] = slot.robot.freeNow ? 1 : 0;
        can.push(canByKind.get(slotKind[rows[i]!]!)!);
        perS.push(perSByKind.get(slotKind[rows[i]!]!)!);
      }
      for (let column = 0; column < window.length; column++) {
        const f = this.factsOf(window[column]!, speed);
        if (!f) continue;
        const need = needs[column]!;
        const timeS = f.approach.timeS;
        const distanceM = f.approach.distanceM;
        const { legsS, legsM, serviceS, toChargerM, weight: w } = f;
        const workUse = serviceS * batteryDrainPerSecondWorking;
        const deadline = f.task.deadline;
        const dueS = deadline === undefined ? 0 : (deadline - now) / 1000;
        const margin = w * waitS;
        const deferral = w * deferralS;
        // robots that gave this task up are not planned for it (the pair stays impossible)
        const refusers = avoided?.get(f.task.id);
        for (let i = 0; i < n; i++) {
          if (!can[i]![need]) continue;
          if (refusers !== undefined && refusers.has(slots[rows[i]!]!.robot.robot.id)) continue;
          const v = vertex[i]!;
          const approachS = timeS[v]!;
          if (approachS === Infinity) continue;
          if (hasBattery[i] && battery[i]! - (distanceM[v]! + legsM + toChargerM) * batteryDrainPerMeter - workUse < batteryReserve) {
            if (layer === 0 && freeNow[i]) this.shortOfBattery.add(slots[rows[i]!]!.robot);
            continue;
          }
          const finishS = freeInS[i]! + approachS + legsS + serviceS;
          // costOf, inline
          let cost = w * finishS;
          if (deadline !== undefined) {
            const slackS = dueS - finishS;
            if (slackS < 0) cost += lateness * w * -slackS;
            if (slackS < riskS) cost += w * (riskS - Math.max(slackS, 0));
          }
          cost += fairness * workAboveMeanS[i]!;
          // waiting for a robot not free yet (busy, or on its way somewhere) must gain a margin over a free one: the
          // estimate of when it is free may be wrong, and the task reaches no robot meanwhile
          let price = cost + (freeNow[i] ? 0 : margin) - deferral;
          if (scarce && price < IMPOSSIBLE) {
            let perSecond = perS[i]![need]!;
            if (perSecond < 0) perS[i]![need] = perSecond = this.opportunityPerS(slots[rows[i]!]!, slotKind[rows[i]!]!, slotKey[rows[i]!]!, need, f);
            if (perSecond !== 0) price += scarcityWeight * perSecond * (approachS + legsS + serviceS);
          }
          costs[rows[i]!]![column] = price;
        }
      }
    }
    return costs;
  }

  /** What a second of the robot's time on work of that kind costs the work only robots like it can do (scarcity.ts). */
  private opportunityPerS(slot: Slot, robotKind: number, robotKey: string, needKind: number, facts: TaskFacts): number {
    const pair = robotKind * 1_000_003 + needKind;
    let perS = this.scarcityByKinds.get(pair);
    if (perS === undefined) {
      perS = this.scarcity.perWorkSecond(slot.robot.robot, robotKey, this.caches.needKey(facts.task), facts.task.requires);
      this.scarcityByKinds.set(pair, perS);
    }
    return perS;
  }

  private book(slot: Slot, task: Task, o: Offer): void {
    const facts = this.factsOf(task, slot.robot.robot.speed)!;
    slot.freeInS = o.finishS;
    slot.freeAt = facts.stops[facts.stops.length - 1]!;
    slot.vertex = routerFor(this.snapshot.facility).vertexOf(slot.freeAt);
    if (slot.battery !== undefined) slot.battery -= o.use;
  }

  private preemptForStat(ready: readonly Task[], planned: readonly Planned[]): void {
    // stat tasks come first in the ready order
    const statReady = ready.slice(0, this.statCount);
    if (statReady.length === 0) return;
    // only a robot busy with a task can be taken off it (statPreemptions' candidates): none, nothing to look up
    if (!this.fleet.some((r) => r.available && !r.freeNow && r.robot.currentTaskId !== undefined)) return;
    const plans = new Map(planned.map((p) => [p.task, p]));
    const needs = statReady.map((task): StatNeed => {
      const plan = plans.get(task);
      // the robot sent now (a free one, first layer): a preemption for the task releases it
      const plannedRobot = plan && plan.layer === 0 && plan.slot.robot.freeNow ? plan.slot.robot : undefined;
      return { task, factsAt: (speed: number) => this.factsOf(task, speed), plannedFinishS: plan ? plan.offer.finishS : Infinity, plannedRobot, avoided: this.snapshot.avoided?.get(task.id) };
    });
    // only work under way can be taken off a robot (see preemptable)
    const tasks = new Map<string, Task>();
    for (const [id, t] of this.robotTasks) if (t.status === 'accepted' || t.status === 'in-progress') tasks.set(id, t);
    const { decisions, robots, reassigned } = statPreemptions(needs, this.fleet, tasks, this.snapshot.facility, this.config, this.options.preemptMarginS);
    const dropAssign = (taskId: string): void => {
      const index = this.decisions.findIndex((x) => x.kind === 'assign' && x.taskId === taskId);
      if (index < 0) return;
      const [dropped] = this.decisions.splice(index, 1);
      this.busy.delete(this.fleet.find((r) => r.robot.id === (dropped as { robotId: string }).robotId)!);
    };
    // the stat task waits for the preempted robot: a free robot the plan had for it is released
    for (const d of decisions) if (d.kind === 'preempt') dropAssign(d.forTaskId);
    // … and given another stat task it does sooner than its plan (statPreemptions)
    for (const r of reassigned) dropAssign(r.task.id);
    for (const r of reassigned) {
      this.decisions.push(assignDecision(r.task, r.robot, this.factsOf(r.task, r.robot.robot.speed)!.stops, r.finishS, this.snapshot));
      this.busy.add(r.robot);
    }
    this.decisions.push(...decisions);
    for (const r of robots) this.busy.add(r);
  }

  private factsOf(task: Task, speed: number, bySpeed = this.caches.entry(task).facts): TaskFacts | undefined {
    const known = bySpeed.get(speed);
    if (known !== undefined || bySpeed.has(speed)) return known;
    if (!stopsInFacility(task, this.snapshot.facility)) {
      bySpeed.set(speed, undefined);
      return undefined;
    }
    const facts = taskFacts(task, this.snapshot.facility, this.config, this.options.weights, speed, (node) => this.caches.toCharger(node, speed, this.snapshot.facility));
    bySpeed.set(speed, facts);
    return facts;
  }

}

/**
 * What rounds can share: the facts of each task (its routes do not change while it waits; an update of the task makes
 * new ones) and each node's distance to the nearest charger. Tasks not seen for a while are dropped.
 */
class RoundCaches {
  /** Kept between rounds: what a kind of robot can do does not change, and a task's kind of need is in its entry. */
  readonly kinds = new Kinds();
  private round = 0;
  private readonly tasks = new Map<string, TaskEntry>();
  /** The last round's ready tasks, most urgent first (see readyOrder). */
  private order: TaskEntry[] = [];
  private spare: TaskEntry[] = [];
  private readonly chargerTables = new WeakMap<DispatchSnapshot['facility'], Map<number, Float64Array>>();
  private scratch = new Float64Array(0);

  /**
   * A rows × columns cost matrix filled with IMPOSSIBLE, as views on one buffer kept between rounds (a round at scale
   * prices tens of thousands of pairs; a fresh array per row each round was garbage). Valid until the next call.
   */
  matrix(rows: number, columns: number): Float64Array[] {
    const size = rows * columns;
    if (this.scratch.length < size) this.scratch = new Float64Array(Math.max(size, this.scratch.length * 2));
    this.scratch.fill(IMPOSSIBLE, 0, size);
    const matrix: Float64Array[] = [];
    for (let row = 0; row < rows; row++) matrix.push(this.scratch.subarray(row * columns, (row + 1) * columns));
    return matrix;
  }

  get current(): number {
    return this.round;
  }

  /**
   * This round's ready tasks, most urgent first: the last round's order less the entries not ready in this round
   * (`readyIn`), merged with `fresh` (sorted, none of them in the last order). A task's keys do not change while its
   * entry lives (an update makes a new entry), so this is the order a full sort would give, in O(n) instead of
   * O(n log n) comparisons and without a keyed copy of every task each round. Valid until the next call.
   */
  readyOrder(fresh: readonly TaskEntry[]): readonly TaskEntry[] {
    const previous = this.order;
    const next = this.spare;
    next.length = 0;
    let f = 0;
    for (let i = 0; i < previous.length; i++) {
      const entry = previous[i]!;
      if (entry.readyIn !== this.round || this.tasks.get(entry.id) !== entry) {
        entry.ordered = false;
        continue;
      }
      while (f < fresh.length && urgentFirst(fresh[f]!, entry) < 0) next.push(fresh[f++]!);
      next.push(entry);
    }
    while (f < fresh.length) next.push(fresh[f++]!);
    for (let i = 0; i < fresh.length; i++) fresh[i]!.ordered = true;
    this.spare = previous;
    this.order = next;
    return next;
  }

  begin(): void {
    this.round += 1;
    if (this.round % 64 !== 0) return;
    for (const [id, entry] of this.tasks) if (entry.seen < this.round - 1) this.tasks.delete(id);
  }

  needKey(task: Task): string {
    return this.entry(task).needKey;
  }

  /**
   * Metres from a node to the nearest charger (0 when the facility has none). Worked out for every node at once, one
   * route search from each charger, the first time a speed is asked: a large building has many chargers, and asking
   * them for every task's last stop (searches the router cannot all keep) made a first round at 1000 robots take
   * minutes.
   */
  toCharger(node: string, speed: number, facility: DispatchSnapshot['facility']): number {
    if (facility.chargers().length === 0) return 0;
    let byFacility = this.chargerTables.get(facility);
    if (!byFacility) this.chargerTables.set(facility, (byFacility = new Map()));
    let table = byFacility.get(speed);
    if (!table) {
      const router = routerFor(facility);
      for (const charger of facility.chargers()) {
        const metres = router.costsTo(charger.id, speed).distanceM;
        if (!table) table = Float64Array.from(metres);
        else for (let v = 0; v < metres.length; v++) if (metres[v]! < table[v]!) table[v] = metres[v]!;
      }
      byFacility.set(speed, table!);
    }
    return table![routerFor(facility).vertexOf(node)]!;
  }

  entry(task: Task) {
    let entry = this.tasks.get(task.id);
    // (another version of a task already seen in this round is a duplicate id in the snapshot: the first one stands)
    if (!entry || (entry.updatedAt !== task.updatedAt && entry.seen !== this.round)) {
      const needKey = task.requires.join('\u0000');
      entry = {
        id: task.id,
        updatedAt: task.updatedAt,
        seen: this.round,
        needKey,
        needKind: this.kinds.needKind(needKey),
        rank: priorityRank(task.priority),
        due: dueKey(task),
        facts: new Map(),
        task: undefined,
        readyIn: 0,
        ordered: false,
      };
      this.tasks.set(task.id, entry);
    }
    entry.seen = this.round;
    return entry;
  }
}

/** What rounds keep of a task (RoundCaches), one entry per task id and version. */
interface TaskEntry {
  readonly id: string;
  readonly updatedAt: number;
  seen: number;
  readonly needKey: string;
  /** Its kind of need (RoundCaches.kinds). */
  readonly needKind: number;
  readonly rank: number;
  readonly due: number;
  readonly facts: Map<number, TaskFacts | undefined>;
  /** The task as this round's snapshot has it, when it is ready. */
  task: Task | undefined;
  /** The last round it was ready and feasible in. */
  readyIn: number;
  /** In the last round's ready order. */
  ordered: boolean;
}

const STAT_RANK = priorityRank('stat');

/** Most urgent first: priority, then due time, then id (a total order: the same whatever the order seen). */
function urgentFirst(a: TaskEntry, b: TaskEntry): number {
  return b.rank - a.rank || a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Robots and tasks by what they can do and need, numbered, so that a round asks "can this robot do that task" once
 * per pair of kinds rather than once per pair of robot and task. One for the policy's life (RoundCaches): kinds are
 * keyed by the action lists themselves, so the answers hold in every round.
 */
class Kinds {
  private readonly robots = new Map<string, number>();
  private readonly needs = new Map<string, number>();
  private readonly table = new Map<number, boolean>();

  robotKind(robot: Robot): number {
    return index(this.robots, actionsKey(robot.actions));
  }

  needKind(needKey: string): number {
    return index(this.needs, needKey);
  }

  can(robotKind: number, needKind: number, robot: Robot, task: Task): boolean {
    const key = robotKind * 1_000_003 + needKind;
    let can = this.table.get(key);
    if (can === undefined) {
      can = canDo(robot, task.requires);
      this.table.set(key, can);
    }
    return can;
  }
}

function index(map: Map<string, number>, key: string): number {
  let i = map.get(key);
  if (i === undefined) {
    i = map.size;
    map.set(key, i);
  }
  return i;
}

/** Tasks of one priority go by deadline; one without a deadline counts as due an hour after it was raised. */
function dueKey(task: Task): number {
  return task.deadline ?? task.createdAt + 3_600_000;
}

const ACTION_KEYS = new WeakMap<readonly string[], string>();

/** A robot's actions as one key, computed once per actions array (robots keep theirs between reports). */
function actionsKey(actions: readonly string[]): string {
  let key = ACTION_KEYS.get(actions);
  if (key === undefined) {
    key = actions.join('\u0000');
    ACTION_KEYS.set(actions, key);
  }
  return key;
}
