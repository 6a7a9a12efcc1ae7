import { Logger, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Mutex } from 'async-mutex';
import {
  Clock,
  CustodyStore,
  custodyHold,
  decidedMissions,
  DispatchService,
  FleetRegistry,
  CustodyMissionFactory,
  MissionSender,
  MissionStore,
  Notifier,
  OrderReconciler,
  RecoveryService,
  RobotLink,
  RobotWatchdog,
  StaffQueueService,
  TaskFailover,
  TaskStore,
  type StaffEscalation,
} from '@opiekun/application';
import type { Facility, Task } from '@opiekun/domain';
import type { AppConfig } from '../config/app-config';
import { custodyOptions } from '../custody/custody.providers';

const logger = new Logger('Fleet');
const report = (error: Error) => logger.error(error.message, error.stack);

/**
 * What keeps tasks safe when things fail: failover to another robot or to staff, reconciling each robot's order
 * with what we expect of it, watching for lost robots, and recovering after a restart. The failover reaches the
 * dispatcher and the staff queue only when it acts (through the module), because both of those depend on it too.
 */
export function resilienceProviders(facility: Facility, mutex: Mutex, config: AppConfig): Provider[] {
  return [
    {
      provide: MissionSender,
      useFactory: (link: RobotLink, clock: Clock, fleet: FleetRegistry) =>
        new MissionSender(
          link,
          clock,
          (error, missionId) => logger.warn(`order ${missionId} not sent: ${error.message}`),
          { resendAfterMs: config.ORDER_RESEND_MS, maxSends: config.ORDER_MAX_SENDS },
          (robotId) => fleet.get(robotId)?.connection === 'ONLINE',
        ),
      inject: [RobotLink, Clock, FleetRegistry],
    },
    {
      provide: TaskFailover,
      useFactory: (tasks: TaskStore, fleet: FleetRegistry, sender: MissionSender, clock: Clock, notifier: Notifier, modules: ModuleRef) => {
        const staff: StaffEscalation = { escalate: (...args) => modules.get(StaffQueueService, { strict: false }).escalate(...args) };
        const dispatch = { request: () => modules.get(DispatchService, { strict: false }).request() };
        // Medication a failed robot has on board (or handed over already) stays with staff (custody log, issue 4).
        const staysWithStaff = (task: Task, robotId: string) => custodyHold(modules.get(CustodyStore, { strict: false }), task, robotId, custodyOptions(config));
        return new TaskFailover(tasks, fleet, sender, staff, clock, notifier, dispatch, { maxAttempts: config.TASK_MAX_ATTEMPTS, staysWithStaff });
      },
      inject: [TaskStore, FleetRegistry, MissionSender, Clock, Notifier, ModuleRef],
    },
    {
      provide: OrderReconciler,
      useFactory: (tasks: TaskStore, missions: MissionStore, fleet: FleetRegistry, link: RobotLink, sender: MissionSender, clock: Clock) =>
        new OrderReconciler(tasks, fleet, link, sender, clock, report, decidedMissions(missions, new CustodyMissionFactory(facility, custodyOptions(config)))),
      inject: [TaskStore, MissionStore, FleetRegistry, RobotLink, MissionSender, Clock],
    },
    {
      provide: RobotWatchdog,
      useFactory: (fleet: FleetRegistry, tasks: TaskStore, failover: TaskFailover, sender: MissionSender, clock: Clock, notifier: Notifier) =>
        new RobotWatchdog(fleet, tasks, failover, sender, clock, notifier, mutex, report, {
          silenceMs: config.ROBOT_SILENCE_MS,
          graceMs: config.ROBOT_LOST_GRACE_MS,
          attendedTaskTypes: config.ATTENDED_TASK_TYPES,
          checkEveryMs: Math.min(1_000, Math.max(100, Math.floor(config.ROBOT_SILENCE_MS / 4))),
        }),
      inject: [FleetRegistry, TaskStore, TaskFailover, MissionSender, Clock, Notifier],
    },
    {
      provide: RecoveryService,
      useFactory: (tasks: TaskStore, fleet: FleetRegistry, failover: TaskFailover, clock: Clock) => new RecoveryService(tasks, fleet, failover, clock),
      inject: [TaskStore, FleetRegistry, TaskFailover, Clock],
    },
  ];
}
