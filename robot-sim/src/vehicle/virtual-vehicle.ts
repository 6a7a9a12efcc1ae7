import { EventEmitter } from 'node:events';
import type { SimClock, SimTimerHandle } from '../clock/sim-clock';
import { ElevatorBank } from '../elevator/elevator-bank';
import { ElevatorRider } from '../elevator/elevator-rider';
import type {
  Action,
  AgvAction,
  InstantActions,
  Load,
  Order,
  OrderEdge,
  OrderNode,
  VdaError,
  VehicleFactsheet,
  VehicleState,
  VehicleVisualization,
} from '../protocol';
import { seededRandom } from '../random/seeded-random';
import { supportsScope, vehicleActions } from './action-catalog';
import { durationOverrideS, durationSOf, effectOf, initPositionOf, loadOf, stringParameter } from './action-semantics';
import { ActionOrigin, ActionOutcome, ActionTracker } from './action-tracker';
import { PowerMonitor } from './power-monitor';
import { DriveSegment, Pose, normaliseAngle } from './drive-segment';
import { FaultInjector } from './fault-injector';
import { decideOrder } from './order-acceptance';
import { NodeActionQueue } from './node-action-queue';
import { OrderProgress } from './order-progress';
import { DEFAULT_BATTERY_RATES, VehicleConfig } from './vehicle-config';
import { ErrorType, ORDER_REJECTION_TYPES, SimErrorType, actionReferences, orderReferences, ref, sameError, warning } from './vehicle-errors';
import { buildFactsheet } from './vehicle-factsheet';
import { VehicleMap } from './vehicle-map';
import type { VehicleEvents, VehicleWorld } from './vehicle-world';

/**
 * One VDA 5050 vehicle without any transport: it takes orders and instant actions, drives and works on the sim
 * clock, and reports state, visualization and factsheet as plain objects. MQTT is added around it by the fleet; a
 * benchmark can use it directly.
 */
export class VirtualVehicle extends EventEmitter<VehicleEvents> {
  readonly faults: FaultInjector;
  private readonly clock: SimClock;
  private readonly map: VehicleMap;
  private readonly agvActions: AgvAction[];
  private readonly tracker: ActionTracker;
  private readonly progress = new OrderProgress();
  private readonly power: PowerMonitor;
  private readonly elevator: ElevatorRider;
  private pose: Pose;
  private lastNodeId: string;
  private lastNodeSequenceId = 0;
  private segment: DriveSegment | undefined;
  private readonly nodeActions: NodeActionQueue;
  private paused = false;
  private charging = false;
  private loads: Load[] = [];
  private errors: VdaError[] = [];
  /** `information` entries: findings reported on this order (see FaultInjector.findAtNextAction). */
  private information: NonNullable<VehicleState['information']> = [];
  private cancelActionId: string | undefined;
  private dropTimer: SimTimerHandle | undefined;
  private mutationDepth = 0;

  constructor(
    readonly config: VehicleConfig,
    world: VehicleWorld,
  ) {
    super();
    this.clock = world.clock;
    this.map = new VehicleMap(world.facility);
    this.agvActions = vehicleActions(config.actions);
    this.faults = new FaultInjector(world.random ?? seededRandom(1), config.faults);
    this.tracker = new ActionTracker(this.clock, () => this.mutate(() => this.afterActionEnded()));
    this.nodeActions = new NodeActionQueue(this.tracker, () => !this.paused && !this.power.depleted, (action) => this.startAction(action, 'ORDER'));
    const rates = { ...DEFAULT_BATTERY_RATES, ...config.batteryRates };
    this.power = new PowerMonitor(this.clock, rates, config.battery, () => this.mutate(() => this.deplete()), () => this.mutate(() => this.recover()));
    const elevators = world.elevators ?? new ElevatorBank(world.facility);
    const riderId = `${config.manufacturer}/${config.serialNumber}`;
    this.elevator = new ElevatorRider(riderId, elevators, this.clock, (change) => this.mutate(change), () => !this.paused && !this.power.depleted);
    this.pose = this.map.startPose(config.startNodeId, config.startPose);
    this.lastNodeId = config.startNodeId;
    this.mutate(() => this.scheduleConnectionDrop());
  }

  get manufacturer(): string {
    return this.config.manufacturer;
  }

  get serialNumber(): string {
    return this.config.serialNumber;
  }

  /** Sim ms this vehicle has queued for elevator cabins (see ElevatorRider.waitedMs). */
  get elevatorWaitMs(): number {
    return this.elevator.waitedMs;
  }

  // ── inputs ────────────────────────────────────────────────────────────────────────────────────────────────

  receiveOrder(order: Order): void {
    this.mutate(() => {
      const decision = decideOrder(order, {
        orderId: this.progress.orderId,
        orderUpdateId: this.progress.orderUpdateId,
        busy: this.progress.hasRoute || this.tracker.hasUnfinishedOrderActions(),
        isBaseEnd: (node) => this.isStitchNode(node),
        supports: (actionType, scope) => supportsScope(this.agvActions, actionType, scope),
        knowsPositionOf: (node) => this.map.poseOf(node, 0) !== undefined,
        canStartAt: (node) => !this.segment && !this.elevator.busy && this.map.isTriviallyReachable(node, this.lastNodeId, this.pose),
        limits: this.config.limits,
        refusal: () => this.orderRefusal(order),
        injectedRejection: () => this.faults.shouldRejectOrder(),
      });
      switch (decision.kind) {
        case 'reject':
          return this.addError(decision.error);
        case 'ignore':
          return;
        case 'new':
          return this.acceptNewOrder(order);
        case 'update':
          return this.acceptOrderUpdate(order);
      }
    });
  }

  /** A message on the order topic that failed schema validation (§6.6.4.1); `raw` supplies error references. */
  receiveInvalidOrder(reason: string, raw?: unknown): void {
    this.mutate(() => {
      const partial = typeof raw === 'object' && raw !== null ? (raw as Partial<Order>) : {};
      const refs = orderReferences({
        headerId: typeof partial.headerId === 'number' ? partial.headerId : undefined,
        orderId: typeof partial.orderId === 'string' ? partial.orderId : undefined,
        orderUpdateId: typeof partial.orderUpdateId === 'number' ? partial.orderUpdateId : undefined,
      });
      this.addError(warning(ErrorType.validation, reason, refs));
    });
  }

  /** An instantActions message that failed schema validation: none of its actions run, the master is told. */
  receiveInvalidInstantActions(reason: string, raw?: unknown): void {
    this.mutate(() => {
      const headerId = (raw as { headerId?: unknown } | undefined)?.headerId;
      const refs = [ref('topic', 'instantActions')];
      if (typeof headerId === 'number') refs.push(ref('headerId', headerId));
      this.addError(warning(ErrorType.validation, reason, refs));
    });
  }

  receiveInstantActions(message: Pick<InstantActions, 'actions'>): void {
    this.mutate(() => {
      for (const action of message.actions) this.instantAction(action);
    });
  }

  /**
   * A person types a PIN on the vehicle's keypad while it waits for a trigger: a PIN it knows ends the wait, reporting
   * who (`staff:<id>` as resultDescription); any other PIN changes nothing. Answers whether a wait ended.
   */
  enterPin(pin: string): boolean {
    return this.mutate(() => {
      const staffId = this.config.staffPins?.[pin];
      const waiting = this.tracker.activeOrderActions().find((a) => this.isWaitingTrigger(a.actionId));
      if (!staffId || !waiting) return false;
      this.tracker.finishWith(waiting.actionId, `staff:${staffId}`);
      this.afterActionEnded();
      return true;
    });
  }

  /** Fault injection: asks the transport to drop the link for `durationMs` of sim time. */
  dropConnection(durationMs: number): void {
    this.emit('connectionDrop', durationMs);
  }

  dispose(): void {
    this.power.dispose();
    this.dropTimer?.cancel();
    this.segment?.halt();
    this.elevator.dispose();
    this.tracker.clear();
  }

  // ── outputs ───────────────────────────────────────────────────────────────────────────────────────────────

  state(): VehicleState {
    const charge = this.power.charge();
    const driving = this.segment?.moving ?? false;
    return {
      orderId: this.progress.orderId,
      orderUpdateId: this.progress.orderUpdateId,
      lastNodeId: this.lastNodeId,
      lastNodeSequenceId: this.lastNodeSequenceId,
      driving,
      paused: this.paused,
      newBaseRequest: false,
      distanceSinceLastNode: round(this.segment?.travelled() ?? 0, 3),
      operatingMode: 'AUTOMATIC',
      nodeStates: this.progress.nodeStates(),
      edgeStates: this.progress.edgeStates(),
      ...this.visualization(),
      loads: this.loads.map((load) => ({ ...load })),
      actionStates: this.tracker.states(),
      batteryState: {
        batteryCharge: round(charge, 2),
        charging: this.charging,
        reach: this.power.reach(),
      },
      errors: this.errors.map((error) => ({ ...error })),
      information: this.information.map((info) => ({ ...info })),
      safetyState: { eStop: 'NONE', fieldViolation: false },
    };
  }

  visualization(): VehicleVisualization {
    const pose = this.currentPose();
    const driving = this.segment?.moving ?? false;
    return {
      agvPosition: {
        x: round(pose.x, 3),
        y: round(pose.y, 3),
        theta: Math.max(-Math.PI, Math.min(Math.PI, round(normaliseAngle(pose.theta), 4))),
        mapId: pose.mapId,
        positionInitialized: true,
        localizationScore: 1,
      },
      velocity: { vx: driving ? this.segment!.speed : 0, vy: 0, omega: 0 },
    };
  }

  factsheet(): VehicleFactsheet {
    const canCarry = this.config.actions.some((type) => effectOf(type, this.config) === 'load');
    return buildFactsheet({ model: this.config.model, speed: this.config.speed, actions: this.agvActions, canCarry, limits: this.config.limits });
  }

  // ── orders ────────────────────────────────────────────────────────────────────────────────────────────────

  private acceptNewOrder(order: Order): void {
    this.information = [];
    this.errors = this.errors.filter((error) => error.errorType === ErrorType.batteryLow);
    this.tracker.dropEnded();
    this.progress.start(order);
    this.trackActionsOf(order.nodes);
    this.traverse(this.progress.peekNode()!);
  }

  private acceptOrderUpdate(order: Order): void {
    this.errors = this.errors.filter((error) => !ORDER_REJECTION_TYPES.has(error.errorType));
    const wasCancelled = this.progress.cancelled;
    this.progress.cancelled = false;
    if (wasCancelled) this.progress.clearRoute();
    this.trackActionsOf(this.progress.stitch(order));
    this.proceed();
  }

  /** After a cancel the route is gone, so an update can only continue from where the vehicle stopped. */
  private isStitchNode(node: OrderNode): boolean {
    if (this.progress.cancelled) return node.nodeId === this.lastNodeId && node.sequenceId === this.lastNodeSequenceId;
    return this.progress.isBaseEnd(node);
  }

  private orderRefusal(order: Order): VdaError | undefined {
    if (this.power.depleted) {
      return warning(ErrorType.order, 'battery depleted: vehicle needs charging', [...orderReferences(order), ref('batteryState.batteryCharge', 0)]);
    }
    if (this.cancelActionId) {
      return warning(ErrorType.order, 'the current order is still being cancelled', [...orderReferences(order), ref('actionId', this.cancelActionId)]);
    }
    if (this.charging && !this.config.acceptOrdersWhileCharging) {
      // The spec's stopCharging exists "to send a new order": a charging vehicle is not ready for one.
      return warning(ErrorType.order, 'vehicle is charging; send stopCharging first', [...orderReferences(order), ref('batteryState.charging', 'true')]);
    }
    return undefined;
  }

  private trackActionsOf(nodes: readonly OrderNode[]): void {
    for (const node of nodes) if (node.released) for (const action of node.actions) this.tracker.add(action, 'ORDER');
  }

  // ── movement ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Marks a node traversed (§6.10.2) and starts its actions, or completes a pending cancel there. */
  private traverse(node: OrderNode): void {
    this.progress.traverseNext();
    this.lastNodeId = node.nodeId;
    this.lastNodeSequenceId = node.sequenceId;
    if (this.cancelActionId) return this.finishCancel();
    this.nodeActions.enter(node.actions);
    this.proceed();
  }

  /** Enters the next released edge when nothing holds the vehicle on its node. */
  private proceed(): void {
    if (this.segment || this.elevator.busy || this.paused || this.power.depleted || this.nodeActions.holdsVehicle()) return;
    const edge = this.progress.nextReleasedEdge();
    const target = edge && this.progress.nodeAfter(edge);
    const to = target && this.map.poseOf(target, this.pose.theta);
    if (!edge || !target || !to) return this.elevator.leave();
    this.charging = false; // driving off the charger ends charging
    if (to.mapId !== this.pose.mapId) return this.boardElevator(edge, target, to);
    this.elevator.leave();
    const speed = Math.min(this.config.speed, edge.maxSpeed ?? Infinity);
    this.segment = new DriveSegment(this.clock, this.pose, to, speed, () => this.mutate(() => this.arriveDriving(target, to)));
    this.segment.resume();
  }

  private arriveDriving(target: OrderNode, to: Pose): void {
    const heading = this.segment?.heading ?? this.pose.theta;
    this.segment = undefined;
    this.pose = { ...to, theta: target.nodePosition?.theta ?? heading };
    this.traverse(target);
  }

  private currentPose(): Pose {
    return this.segment ? this.segment.pose() : this.pose;
  }

  // ── elevators ─────────────────────────────────────────────────────────────────────────────────────────────

  /** An edge between two maps is an elevator ride; during it the vehicle stands at the shaft (§6.6.5). */
  private boardElevator(edge: OrderEdge, target: OrderNode, to: Pose): void {
    this.elevator.board(edge.startNodeId, edge.endNodeId, () => {
      this.pose = { ...to, theta: target.nodePosition?.theta ?? this.pose.theta };
      this.traverse(target);
    });
  }

  // ── actions ───────────────────────────────────────────────────────────────────────────────────────────────

  private afterActionEnded(): void {
    this.nodeActions.pump();
    this.proceed();
  }

  private startAction(action: Action, origin: ActionOrigin): void {
    const refusal = this.actionRefusal(action);
    if (refusal) {
      const errorType = refusal.charging ? ErrorType.charging : origin === 'ORDER' ? ErrorType.orderAction : ErrorType.instantAction;
      return this.failAction(action, origin, refusal.reason, errorType);
    }
    if (action.actionType === 'waitForTrigger' && durationOverrideS(action) === undefined) {
      // §6.8: the trigger is on the vehicle (a PIN, see enterPin) or the master's releaseTrigger; the timeout is the master's.
      this.tracker.markRunning(action.actionId);
      return;
    }
    const durationMs = durationSOf(action, this.config) * 1000;
    this.tracker.run(action.actionId, durationMs, () => this.completeAction(action, origin), this.paused);
  }

  /** Preconditions checked when an action starts; a refusal fails the action with an error. */
  private actionRefusal(action: Action): { reason: string; charging?: boolean } | undefined {
    const moving = this.segment !== undefined || this.elevator.busy;
    if (action.actionType === 'startCharging' && (moving || !this.map.isCharger(this.lastNodeId))) {
      return { reason: `not standing on a charger node (at ${this.lastNodeId})`, charging: true };
    }
    if (action.actionType !== 'initPosition') return undefined;
    if (moving) return { reason: 'cannot reset the pose while moving' };
    const init = initPositionOf(action);
    return 'badKeys' in init ? { reason: `missing or invalid parameters: ${init.badKeys.join(', ')}` } : undefined;
  }

  /** Applies an action's effect when its time is up; fault injection may turn it into a failure. */
  private completeAction(action: Action, origin: ActionOrigin): ActionOutcome {
    if (this.faults.shouldFailAction()) {
      const reason = 'simulated fault: action failed by fault injection';
      this.addError(warning(origin === 'ORDER' ? ErrorType.orderAction : ErrorType.instantAction, reason, actionReferences(action)));
      return reason;
    }
    switch (effectOf(action.actionType, this.config)) {
      case 'load':
        this.loads = [loadOf(action)];
        break;
      case 'unload':
        this.loads = [];
        break;
      case 'startCharging':
      case 'stopCharging':
        this.charging = action.actionType === 'startCharging';
        break;
      case 'initPosition':
        this.applyInitPosition(action);
        break;
      case 'none':
        break;
    }
    this.reportFinding(action);
    return undefined;
  }

  private reportFinding(action: Action): void {
    const finding = this.faults.takeFinding();
    if (!finding) return;
    this.information = [
      ...this.information,
      {
        infoType: finding.infoType,
        infoLevel: 'INFO',
        ...(finding.description ? { infoDescription: finding.description } : {}),
        infoReferences: [ref('nodeId', this.lastNodeId), ref('actionId', action.actionId)],
      },
    ];
  }

  private failAction(action: Action, origin: ActionOrigin, reason: string, errorType: SimErrorType): void {
    if (!this.tracker.has(action.actionId)) this.tracker.add(action, origin);
    this.tracker.settle(action.actionId, reason);
    this.addError(warning(errorType, reason, actionReferences(action)));
  }

  private applyInitPosition(action: Action): void {
    const init = initPositionOf(action);
    if ('badKeys' in init) return;
    this.pose = init.pose;
    this.lastNodeId = init.lastNodeId;
    this.lastNodeSequenceId = 0;
  }

  // ── instant actions ───────────────────────────────────────────────────────────────────────────────────────

  private instantAction(action: Action): void {
    if (this.tracker.has(action.actionId)) return; // a resent message must not run an action twice
    if (!supportsScope(this.agvActions, action.actionType, 'INSTANT')) {
      return this.failAction(action, 'INSTANT', `unsupported instant action ${action.actionType}`, ErrorType.instantAction);
    }
    switch (action.actionType) {
      case 'startPause':
      case 'stopPause':
        this.tracker.add(action, 'INSTANT');
        this.setPaused(action.actionType === 'startPause');
        return this.tracker.settle(action.actionId, undefined);
      case 'cancelOrder':
        return this.cancelOrder(action);
      case 'releaseTrigger':
        return this.releaseTrigger(action);
      case 'stateRequest':
      case 'factsheetRequest':
        this.tracker.add(action, 'INSTANT');
        this.tracker.settle(action.actionId, undefined);
        this.emit(action.actionType === 'stateRequest' ? 'stateRequested' : 'factsheetRequested');
        return;
      default:
        this.tracker.add(action, 'INSTANT');
        return this.startAction(action, 'INSTANT');
    }
  }

  private releaseTrigger(action: Action): void {
    const target = stringParameter(action, 'actionId');
    if (!target || !this.isWaitingTrigger(target)) {
      return this.failAction(action, 'INSTANT', `no waitForTrigger ${target ?? '(actionId missing)'} is waiting`, ErrorType.instantAction);
    }
    this.tracker.add(action, 'INSTANT');
    this.tracker.settle(target, undefined);
    this.tracker.settle(action.actionId, undefined);
    this.afterActionEnded();
  }

  private isWaitingTrigger(actionId: string): boolean {
    return this.tracker.action(actionId)?.actionType === 'waitForTrigger' && this.tracker.status(actionId) === 'RUNNING';
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (paused) {
      this.segment?.halt();
      this.tracker.pauseAll();
      this.elevator.leave();
      return;
    }
    this.tracker.resumeAll();
    if (!this.power.depleted) this.segment?.resume();
    this.nodeActions.pump();
    this.proceed();
  }

  /**
   * §6.6.3: fail what has not finished, stop at the next node (or right away when standing), then drop the route.
   * The cancelOrder action reports RUNNING until the vehicle stands.
   */
  private cancelOrder(action: Action): void {
    const hasOrder = !this.progress.cancelled && (this.progress.hasRoute || this.tracker.hasUnfinishedOrderActions());
    this.tracker.add(action, 'INSTANT');
    if (!hasOrder) {
      this.tracker.settle(action.actionId, 'no order to cancel');
      return this.addError(warning(ErrorType.noOrderToCancel, 'no order to cancel', [ref('actionId', action.actionId)]));
    }
    this.progress.cancelled = true;
    this.nodeActions.clear();
    this.tracker.failOrderActions('cancelled by cancelOrder');
    this.tracker.markRunning(action.actionId);
    this.cancelActionId = action.actionId;
    this.elevator.leave();
    if (!this.segment && !this.elevator.busy) this.finishCancel();
  }

  private finishCancel(): void {
    this.progress.clearRoute();
    this.nodeActions.clear();
    this.elevator.leave();
    if (this.cancelActionId) this.tracker.settle(this.cancelActionId, undefined);
    this.cancelActionId = undefined;
  }

  // ── battery ───────────────────────────────────────────────────────────────────────────────────────────────

  private updatePower(): void {
    const drivingSpeed = this.segment?.moving ? this.segment.speed : 0;
    this.power.update({ charging: this.charging, drivingSpeed, working: this.tracker.isWorking() });
  }

  /** Flat: stop where it is, fail what is running, report FATAL until charged again. */
  private deplete(): void {
    this.segment?.halt();
    this.elevator.leave();
    this.tracker.failOrderActions('battery depleted', true);
    this.addError({
      errorType: ErrorType.batteryLow,
      errorLevel: 'FATAL',
      errorDescription: 'battery depleted; charge the vehicle on a charger node',
      errorReferences: [ref('batteryState.batteryCharge', 0)],
    });
  }

  private recover(): void {
    this.errors = this.errors.filter((error) => error.errorType !== ErrorType.batteryLow);
    if (!this.paused) this.segment?.resume();
    this.nodeActions.pump();
    this.proceed();
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────────────────────

  private addError(error: VdaError): void {
    if (!this.errors.some((existing) => sameError(existing, error))) this.errors.push(error);
  }

  private scheduleConnectionDrop(): void {
    const inMs = this.faults.nextConnectionDropInMs();
    if (inMs === undefined) return;
    this.dropTimer = this.clock.setTimer(inMs, () => {
      this.dropConnection(this.faults.drawConnectionDropMs());
      this.scheduleConnectionDrop();
    });
  }

  /**
   * Every entry point (public call, timer, elevator grant) runs through here, so the battery is re-rated and one
   * `stateChanged` is emitted once the outermost change is complete.
   */
  private mutate<T>(change: () => T): T {
    this.mutationDepth++;
    try {
      return change();
    } finally {
      this.mutationDepth--;
      if (this.mutationDepth === 0) {
        this.updatePower();
        this.emit('stateChanged');
      }
    }
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
