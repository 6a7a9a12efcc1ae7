import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import type { Mutex } from 'async-mutex';
import {
  Clock,
  CustodyMissionFactory,
  custodyHandBackRefusal,
  CustodyService,
  CustodyStore,
  FleetRegistry,
  FleetService,
  LoadReturn,
  MissionSender,
  MissionStore,
  Notifier,
  RobotLink,
  StaffDirectory,
  StaffQueueService,
  TaskStore,
  type CustodyOptions,
  type TimerHandle,
} from '@opiekun/application';
import { ElevatorTraffic, type Facility } from '@opiekun/domain';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { TypeormCustodyStore } from '../persistence/stores/typeorm-custody.store';
import { CustodyController } from './custody.controller';

const logger = new Logger('Custody');
const CHECK_EVERY_MS = 5_000;

export const CUSTODY_CONTROLLERS: Type[] = [CustodyController];

export function custodyOptions(config: AppConfig): CustodyOptions {
  return { taskTypes: config.CUSTODY_TASK_TYPES, handoverTimeoutMs: config.HANDOVER_TIMEOUT_S * 1000 };
}

/** Reads robots' custody waits from their reports and checks for missed handovers every few seconds. */
class CustodyLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: TimerHandle;

  constructor(
    private readonly fleet: FleetService,
    private readonly custody: CustodyService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.fleet.onMissionReport((robot, report) => this.custody.onReport(robot, report));
    this.timer = this.clock.setInterval(() => {
      this.custody.checkOverdue().catch((error: Error) => logger.error(`handover check failed: ${error.message}`, error.stack));
    }, CHECK_EVERY_MS);
  }

  onApplicationShutdown(): void {
    this.timer?.cancel();
  }
}

/** Medication custody in the api: the log on SQLite, the service, the return of missed loads, their lifecycle. */
export function custodyProviders(facility: Facility, mutex: Mutex, config: AppConfig): Provider[] {
  const options = custodyOptions(config);
  return [
    { provide: CustodyStore, useFactory: (db: DataSource) => new TypeormCustodyStore(db), inject: [DataSource] },
    {
      provide: LoadReturn,
      useFactory: (tasks: TaskStore, log: CustodyStore, fleet: FleetRegistry, link: RobotLink, sender: MissionSender, queue: StaffQueueService, clock: Clock, traffic: ElevatorTraffic) =>
        new LoadReturn(tasks, log, fleet, link, sender, new CustodyMissionFactory(facility, options, traffic), queue, facility, clock),
      inject: [TaskStore, CustodyStore, FleetRegistry, RobotLink, MissionSender, StaffQueueService, Clock, ElevatorTraffic],
    },
    {
      provide: CustodyService,
      useFactory: (tasks: TaskStore, log: CustodyStore, missions: MissionStore, fleet: FleetRegistry, link: RobotLink, staff: StaffDirectory, returns: LoadReturn, clock: Clock, n: Notifier, queue: StaffQueueService) => {
        // a delivery goes back to the fleet only with its medication at the pharmacy
        queue.refuseHandBackWhen((task) => custodyHandBackRefusal(log, task, options));
        return new CustodyService(tasks, log, missions, fleet, link, staff, returns, clock, n, mutex, options);
      },
      inject: [TaskStore, CustodyStore, MissionStore, FleetRegistry, RobotLink, StaffDirectory, LoadReturn, Clock, Notifier, StaffQueueService],
    },
    {
      provide: CustodyLifecycle,
      useFactory: (fleet: FleetService, custody: CustodyService, clock: Clock) => new CustodyLifecycle(fleet, custody, clock),
      inject: [FleetService, CustodyService, Clock],
    },
  ];
}
