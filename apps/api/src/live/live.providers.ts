import type { Mutex } from 'async-mutex';
import { Logger, type Provider, type Type } from '@nestjs/common';
import {
  AlertService,
  AlertStore,
  AlertWatchService,
  Clock,
  DispatchService,
  FleetControlService,
  FleetRegistry,
  IdGenerator,
  MissionFactory,
  Notifier,
  PasswordHasher,
  RobotLink,
  SettingStore,
  ShiftReportService,
  StaffAuthService,
  StaffUserStore,
  TaskStore,
  TokenSigner,
} from '@opiekun/application';
import { ElevatorTraffic, type Facility } from '@opiekun/domain';
import { DataSource } from 'typeorm';
import { EventBus } from '../events/event-bus';
import { EventLog } from '../events/event-log';
import { AlertsController } from '../http/alerts.controller';
import { AuthController } from '../http/auth.controller';
import { HmacTokenSigner } from '../http/auth/hmac-token.signer';
import { ScryptPasswordHasher } from '../http/auth/scrypt-password.hasher';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { FleetController } from '../http/fleet.controller';
import { ReportsController } from '../http/reports.controller';
import { RobotCommandsController } from '../http/robot-commands.controller';
import { TypeormAlertStore } from '../persistence/stores/typeorm-alert.store';
import { TypeormSettingStore } from '../persistence/stores/typeorm-setting.store';
import { TypeormStaffUserStore } from '../persistence/stores/typeorm-staff-user.store';
import { LiveGateway } from './live.gateway';
import { LiveRelay } from './live-relay';

/** REST endpoints of the staff dashboard (sign-in, robot and fleet commands, alerts, shift report). */
export const LIVE_CONTROLLERS: Type[] = [AuthController, RobotCommandsController, FleetController, AlertsController, ReportsController];

/** Everything the dashboard needs in the api: stores, services, the Socket.IO gateway and the relay that feeds them. */
export function liveProviders(facility: Facility, mutex: Mutex): Provider[] {
  return [
    { provide: AlertStore, useFactory: (db: DataSource) => new TypeormAlertStore(db), inject: [DataSource] },
    { provide: StaffUserStore, useFactory: (db: DataSource) => new TypeormStaffUserStore(db), inject: [DataSource] },
    { provide: SettingStore, useFactory: (db: DataSource) => new TypeormSettingStore(db), inject: [DataSource] },
    { provide: PasswordHasher, useClass: ScryptPasswordHasher },
    { provide: TokenSigner, useFactory: (settings: SettingStore) => new HmacTokenSigner(settings), inject: [SettingStore] },
    {
      provide: StaffAuthService,
      useFactory: (users: StaffUserStore, hasher: PasswordHasher, signer: TokenSigner, clock: Clock, ids: IdGenerator) =>
        new StaffAuthService(users, hasher, signer, clock, ids),
      inject: [StaffUserStore, PasswordHasher, TokenSigner, Clock, IdGenerator],
    },
    {
      provide: AlertService,
      useFactory: (store: AlertStore, tasks: TaskStore, clock: Clock) => new AlertService(store, tasks, clock),
      inject: [AlertStore, TaskStore, Clock],
    },
    {
      provide: AlertWatchService,
      useFactory: (tasks: TaskStore, clock: Clock, notifier: Notifier) => new AlertWatchService(tasks, clock, notifier),
      inject: [TaskStore, Clock, Notifier],
    },
    {
      provide: FleetControlService,
      useFactory: (fleet: FleetRegistry, link: RobotLink, settings: SettingStore, clock: Clock, dispatch: DispatchService, traffic: ElevatorTraffic) =>
        new FleetControlService(fleet, link, new MissionFactory(facility, traffic), facility, settings, clock, dispatch, mutex),
      inject: [FleetRegistry, RobotLink, SettingStore, Clock, DispatchService, ElevatorTraffic],
    },
    {
      provide: ShiftReportService,
      useFactory: (tasks: TaskStore, clock: Clock) => new ShiftReportService(tasks, facility.timezone, clock),
      inject: [TaskStore, Clock],
    },
    StaffAuthGuard,
    LiveGateway,
    {
      provide: LiveRelay,
      useFactory: (bus: EventBus, auth: StaffAuthService, alerts: AlertService, watch: AlertWatchService, control: FleetControlService) =>
        new LiveRelay(bus, auth, alerts, watch, control),
      inject: [EventBus, StaffAuthService, AlertService, AlertWatchService, FleetControlService],
    },
    { provide: EventLog, useFactory: (bus: EventBus) => new EventLog(bus, new Logger('Events')), inject: [EventBus] },
  ];
}
