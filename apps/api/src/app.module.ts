import { Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Mutex } from 'async-mutex';
import {
  Clock,
  DispatchPlanner,
  DispatchService,
  FleetRegistry,
  FleetService,
  IdGenerator,
  InlineDispatchPlanner,
  CustodyMissionFactory,
  CustodyService,
  MissionSender,
  OrderStaging,
  outboxMissions,
  StagedRobotLink,
  Notifier,
  OrderReconciler,
  MissionStore,
  RecoveryService,
  RobotLink,
  RobotStore,
  RobotWatchdog,
  TaskFailover,
  TaskRequestStore,
  TaskService,
  TaskStore,
  UuidGenerator,
} from '@opiekun/application';
import { DEFAULT_DISPATCH_CONFIG, ElevatorTraffic, type Facility } from '@opiekun/domain';
import { WorkerDispatchPlanner } from './dispatch/worker-dispatch-planner';
import { dispatchPolicy } from './dispatch/worker-round';
import type { AppConfig } from './config/app-config';
import { EventBus } from './events/event-bus';
import { FleetIngress } from './fleet/fleet-ingress';
import { MqttRobotLink } from './fleet/mqtt-robot-link.adapter';
import { resilienceProviders } from './fleet/resilience.providers';
import { DomainErrorFilter } from './http/domain-error.filter';
import { FacilityController } from './http/facility.controller';
import { HealthController } from './http/health.controller';
import { HttpTraffic } from './http/limits/http-traffic';
import { RobotsController } from './http/robots.controller';
import { TasksController } from './http/tasks.controller';
import { CARE_CONTROLLERS, careProviders } from './care/care.providers';
import { CUSTODY_CONTROLLERS, custodyOptions, custodyProviders } from './custody/custody.providers';
import { FHIR_CONTROLLERS, fhirProviders } from './fhir/fhir.providers';
import { PATROL_CONTROLLERS, patrolProviders } from './patrol/patrol.providers';
import { LIVE_CONTROLLERS, liveProviders } from './live/live.providers';
import { PersistenceModule } from './persistence/persistence.module';
import { SystemClock } from './time/system-clock';
import { APP_CONFIG, BROKER_INFO, DISPATCH_PLANNER, FACILITY, type BrokerInfo } from './tokens';

class Lifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Opiekun');

  constructor(
    private readonly registry: FleetRegistry,
    private readonly ingress: FleetIngress,
    private readonly link: MqttRobotLink,
    private readonly dispatch: DispatchService,
    private readonly resilience: { recovery: RecoveryService; watchdog: RobotWatchdog; fleet: FleetService; mutex: Mutex; missions: MissionStore },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.registry.load();
    // What robots written short ids report of orders sent before a restart is read back (MqttRobotLink.ourId).
    for (const mission of await this.resilience.missions.current()) this.link.rememberIds(mission);
    // Before anything is heard or planned: every robot bound again to the task the database says it holds.
    const recovered = await this.resilience.recovery.recover();
    const { watchdog } = this.resilience;
    this.resilience.fleet.onLinkChange({ down: () => watchdog.linkDown(), up: () => watchdog.linkUp() });
    this.ingress.start();
    this.dispatch.start();
    this.resilience.watchdog.start();
    this.logger.log(
      `fleet link started; ${this.registry.list().length} robot(s) known from the database; ${recovered.open} open task(s), ${recovered.held} held by robots (reconciled with each robot's first state)`,
    );
  }

  /**
   * Before the database closes: no more planning; MQTT ends with a DISCONNECT (nothing new comes in; an order a
   * round under way can no longer send is in the outbox and goes out after the restart); the task write under way
   * finishes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.resilience.watchdog.stop();
    this.dispatch.stop();
    await this.link.close();
    await this.resilience.mutex.waitForUnlock();
  }
}

const dispatchLogger = new Logger('Dispatch');

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, facility: Facility, broker: BrokerInfo): DynamicModule {
    const mutex = new Mutex();
    return {
      module: AppModule,
      imports: [PersistenceModule.forRoot({ dbPath: config.DB_PATH, busyTimeoutMs: config.DB_BUSY_TIMEOUT_MS })],
      controllers: [TasksController, RobotsController, FacilityController, HealthController, ...LIVE_CONTROLLERS, ...CARE_CONTROLLERS, ...FHIR_CONTROLLERS, ...CUSTODY_CONTROLLERS, ...PATROL_CONTROLLERS],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: FACILITY, useValue: facility },
        // one picture of who rides which elevator when, for every factory of orders (routes go round the queues)
        // (a booking counts while its robot still runs that order, as the fleet registry has it)
        { provide: ElevatorTraffic, useFactory: (fleet: FleetRegistry) => new ElevatorTraffic(facility, (id) => fleet.get(id)?.missionId), inject: [FleetRegistry] },
        { provide: BROKER_INFO, useValue: broker },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: HttpTraffic, useValue: new HttpTraffic() },
        { provide: Clock, useClass: SystemClock },
        { provide: IdGenerator, useClass: UuidGenerator },
        EventBus,
        { provide: Notifier, useExisting: EventBus },
        { provide: FleetRegistry, useFactory: (store: RobotStore, n: Notifier) => new FleetRegistry(store, n), inject: [RobotStore, Notifier] },
        MqttRobotLink,
        // routes longer than a vehicle takes in one order go out as an order and order updates (VDA 5050 §6.6.2)
        {
          provide: OrderStaging,
          useFactory: (fleet: FleetRegistry, clock: Clock, missions: MissionStore) => new OrderStaging((id) => fleet.get(id)?.orderLimits, clock, outboxMissions(missions), { resendAfterMs: config.ORDER_RESEND_MS, maxSends: config.ORDER_MAX_SENDS }),
          inject: [FleetRegistry, Clock, MissionStore],
        },
        { provide: RobotLink, useFactory: (link: MqttRobotLink, staging: OrderStaging) => new StagedRobotLink(link, staging), inject: [MqttRobotLink, OrderStaging] },
        ...resilienceProviders(facility, mutex, config),
        // The built api plans in a worker thread (a round never holds the event loop) unless DISPATCH_WORKER=false;
        // from TypeScript (medium tests) inline.
        {
          provide: DISPATCH_PLANNER,
          useFactory: (failover: TaskFailover): DispatchPlanner =>
            config.DISPATCH_WORKER && WorkerDispatchPlanner.available()
              ? new WorkerDispatchPlanner(facility, config.DISPATCH_POLICY, () => failover.avoidance())
              : new InlineDispatchPlanner(dispatchPolicy(config.DISPATCH_POLICY), facility, failover),
          inject: [TaskFailover],
        },
        {
          provide: DispatchService,
          useFactory: (tasks: TaskStore, fleet: FleetRegistry, link: RobotLink, clock: Clock, n: Notifier, sender: MissionSender, failover: TaskFailover, planner: DispatchPlanner, traffic: ElevatorTraffic) =>
            new DispatchService(
              tasks,
              fleet,
              link,
              planner,
              facility,
              DEFAULT_DISPATCH_CONFIG,
              clock,
              n,
              mutex,
              sender,
              (error) => dispatchLogger.error(`dispatch round failed: ${error.message}`, error.stack),
              new CustodyMissionFactory(facility, custodyOptions(config), traffic),
              failover,
              { resendAfterMs: config.ORDER_RESEND_MS, maxSends: config.ORDER_MAX_SENDS },
            ),
          inject: [TaskStore, FleetRegistry, RobotLink, Clock, Notifier, MissionSender, TaskFailover, DISPATCH_PLANNER, ElevatorTraffic],
        },
        {
          provide: TaskService,
          useFactory: (tasks: TaskStore, fleet: FleetRegistry, clock: Clock, ids: IdGenerator, n: Notifier, d: DispatchService, orders: OrderReconciler, keys: TaskRequestStore, custody: CustodyService) =>
            new TaskService(tasks, fleet, facility, clock, ids, n, d, mutex, orders, keys, custody),
          inject: [TaskStore, FleetRegistry, Clock, IdGenerator, Notifier, DispatchService, OrderReconciler, TaskRequestStore, CustodyService],
        },
        {
          provide: FleetService,
          useFactory: (
            tasks: TaskStore,
            fleet: FleetRegistry,
            link: RobotLink,
            clock: Clock,
            n: Notifier,
            d: DispatchService,
            sender: MissionSender,
            failover: TaskFailover,
            reconciler: OrderReconciler,
            staging: OrderStaging,
          ) => new FleetService(tasks, fleet, link, clock, n, d, mutex, sender, { autoRegister: config.FLEET_AUTO_REGISTER, factsheetRetryMs: 10_000, facility }, failover, reconciler, staging),
          inject: [TaskStore, FleetRegistry, RobotLink, Clock, Notifier, DispatchService, MissionSender, TaskFailover, OrderReconciler, OrderStaging],
        },
        FleetIngress,
        ...liveProviders(facility, mutex),
        ...careProviders(facility, mutex, config.CARE_FILE === 'none' ? '' : config.CARE_FILE, custodyOptions(config)),
        ...fhirProviders(facility),
        ...patrolProviders(facility, config),
        ...custodyProviders(facility, mutex, config),
        {
          provide: Lifecycle,
          useFactory: (r: FleetRegistry, i: FleetIngress, l: MqttRobotLink, d: DispatchService, recovery: RecoveryService, watchdog: RobotWatchdog, fleet: FleetService, missions: MissionStore) =>
            new Lifecycle(r, i, l, d, { recovery, watchdog, fleet, mutex, missions }),
          inject: [FleetRegistry, FleetIngress, MqttRobotLink, DispatchService, RecoveryService, RobotWatchdog, FleetService, MissionStore],
        },
      ],
    };
  }
}
