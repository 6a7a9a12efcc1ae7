import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import type { Mutex } from 'async-mutex';
import {
  CareDirectoryService,
  CarePlanService,
  CarePlanStore,
  Clock,
  DispatchService,
  EscalationWatchService,
  AlertStore,
  FleetRegistry,
  HandoverService,
  HandoverStore,
  IdGenerator,
  IncidentService,
  IncidentStore,
  MeasurementService,
  MeasurementStore,
  Notifier,
  ResidentStore,
  seedCareWhenEmpty,
  StaffDirectory,
  StaffQueueService,
  TaskStore,
  WardStore,
  type TimerHandle,
} from '@opiekun/application';
import type { Facility } from '@opiekun/domain';
import { DataSource } from 'typeorm';
import { LiveRelay } from '../live/live-relay';
import { TypeormCarePlanStore, TypeormResidentStore, TypeormWardStore } from '../persistence/stores/typeorm-care.stores';
import { TypeormStaffDirectory } from '../persistence/stores/typeorm-staff-directory';
import { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import { TypeormMeasurementStore } from '../persistence/stores/typeorm-measurement.store';
import { TypeormHandoverStore, TypeormIncidentStore } from '../persistence/stores/typeorm-handover.stores';
import { readCareFile, readShiftChanges } from './care-file';
import { CarePlansController } from './care-plans.controller';
import { ResidentsController, StaffController, WardsController } from './care-directory.controller';
import { HandoversController, IncidentsController } from './handover.controller';
import { MeasurementIngress } from './measurement.ingress';
import { MeasurementsController } from './measurements.controller';
import { StaffQueueController } from './staff-queue.controller';

const logger = new Logger('Care');
/** Local start hours of the shifts (care file `shiftChanges`). */
const SHIFT_CHANGES = Symbol('SHIFT_CHANGES');
/** The outgoing nurse's draft handover is ready this long before the shift changes (checked every minute). */
const HANDOVER_LEAD_MS = 30 * 60_000;
const HANDOVER_CHECK_MS = 60_000;
const report = (error: Error) => logger.error(error.message, error.stack);

export const CARE_CONTROLLERS: Type[] = [WardsController, ResidentsController, StaffController, CarePlansController, StaffQueueController, HandoversController, IncidentsController, MeasurementsController];

/** VDA 5050 actions whose result is a measurement, kept as preliminary until a nurse confirms it. */
export const MEASUREMENT_ACTIONS: readonly string[] = ['measureVitals'];

/** Seeds a fresh database from the care file, then rolls the care-plan horizon and watches for escalations. */
class CareLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly careFile: string,
    private readonly facility: Facility,
    private readonly deps: { wards: WardStore; staff: StaffDirectory; directory: CareDirectoryService; plans: CarePlanService },
    private readonly watch: EscalationWatchService,
    private readonly measurements: MeasurementIngress,
    private readonly handovers: { service: HandoverService; clock: Clock },
  ) {}

  private handoverTimer?: TimerHandle;

  async onApplicationBootstrap(): Promise<void> {
    if (this.careFile) {
      const seeded = await seedCareWhenEmpty(readCareFile(this.careFile, this.facility), this.deps);
      if (seeded.wards > 0) logger.log(`care file ${this.careFile}: ${seeded.wards} wards, ${seeded.residents} residents, ${seeded.plans} care plans`);
    }
    this.deps.plans.start();
    this.watch.start();
    this.measurements.start();
    const { service, clock } = this.handovers;
    this.handoverTimer = clock.setInterval(() => {
      service.prepareDue(HANDOVER_LEAD_MS).catch(report);
    }, HANDOVER_CHECK_MS);
  }

  onApplicationShutdown(): void {
    this.deps.plans.stop();
    this.watch.stop();
    this.handoverTimer?.cancel();
  }
}

/** Care operations in the api: stores, services and their lifecycle. `careFile` '' starts with no care data. */
export function careProviders(facility: Facility, mutex: Mutex, careFile: string): Provider[] {
  return [
    { provide: WardStore, useFactory: (db: DataSource) => new TypeormWardStore(db), inject: [DataSource] },
    { provide: ResidentStore, useFactory: (db: DataSource) => new TypeormResidentStore(db), inject: [DataSource] },
    { provide: CarePlanStore, useFactory: (db: DataSource) => new TypeormCarePlanStore(db), inject: [DataSource] },
    { provide: StaffDirectory, useFactory: (db: DataSource) => new TypeormStaffDirectory(db), inject: [DataSource] },
    {
      provide: CareDirectoryService,
      useFactory: (wards: WardStore, residents: ResidentStore, staff: StaffDirectory, clock: Clock, ids: IdGenerator) =>
        new CareDirectoryService(wards, residents, staff, facility, clock, ids),
      inject: [WardStore, ResidentStore, StaffDirectory, Clock, IdGenerator],
    },
    {
      provide: CarePlanService,
      useFactory: (plans: CarePlanStore, wards: WardStore, residents: ResidentStore, tasks: TaskStore, fleet: FleetRegistry, clock: Clock, ids: IdGenerator, n: Notifier, d: DispatchService, directory: CareDirectoryService) => {
        const service = new CarePlanService(plans, wards, residents, tasks, fleet, facility, clock, ids, n, d, mutex, report);
        directory.follow(service);
        return service;
      },
      inject: [CarePlanStore, WardStore, ResidentStore, TaskStore, FleetRegistry, Clock, IdGenerator, Notifier, DispatchService, CareDirectoryService],
    },
    {
      provide: StaffQueueService,
      useFactory: (tasks: TaskStore, wards: WardStore, fleet: FleetRegistry, clock: Clock, ids: IdGenerator, n: Notifier, d: DispatchService) =>
        new StaffQueueService(tasks, wards, fleet, facility, clock, ids, n, d, mutex),
      inject: [TaskStore, WardStore, FleetRegistry, Clock, IdGenerator, Notifier, DispatchService],
    },
    {
      provide: EscalationWatchService,
      useFactory: (tasks: TaskStore, fleet: FleetRegistry, staff: StaffQueueService, clock: Clock) => new EscalationWatchService(tasks, fleet, staff, facility, clock, mutex, report),
      inject: [TaskStore, FleetRegistry, StaffQueueService, Clock],
    },
    { provide: HandoverStore, useFactory: (db: DataSource) => new TypeormHandoverStore(db), inject: [DataSource] },
    { provide: IncidentStore, useFactory: (db: DataSource) => new TypeormIncidentStore(db), inject: [DataSource] },
    { provide: SHIFT_CHANGES, useFactory: () => readShiftChanges(careFile) },
    {
      provide: HandoverService,
      useFactory: (handovers: HandoverStore, tasks: TaskStore, alerts: AlertStore, incidents: IncidentStore, wards: WardStore, clock: Clock, ids: IdGenerator, shifts: readonly number[]) =>
        new HandoverService(handovers, tasks, alerts, incidents, wards, facility, clock, ids, shifts),
      inject: [HandoverStore, TaskStore, AlertStore, IncidentStore, WardStore, Clock, IdGenerator, SHIFT_CHANGES],
    },
    {
      provide: IncidentService,
      useFactory: (incidents: IncidentStore, residents: ResidentStore, tasks: TaskStore, queue: StaffQueueService, clock: Clock, ids: IdGenerator, shifts: readonly number[]) =>
        new IncidentService(incidents, residents, tasks, queue, facility, clock, ids, shifts),
      inject: [IncidentStore, ResidentStore, TaskStore, StaffQueueService, Clock, IdGenerator, SHIFT_CHANGES],
    },
    { provide: MeasurementStore, useFactory: (db: DataSource) => new TypeormMeasurementStore(db), inject: [DataSource] },
    {
      provide: MeasurementService,
      useFactory: (store: MeasurementStore, tasks: TaskStore, clock: Clock, ids: IdGenerator) => new MeasurementService(store, tasks, clock, ids, { actionTypes: MEASUREMENT_ACTIONS }),
      inject: [MeasurementStore, TaskStore, Clock, IdGenerator],
    },
    { provide: MeasurementIngress, useFactory: (link: MqttRobotLink, m: MeasurementService) => new MeasurementIngress(link, m), inject: [MqttRobotLink, MeasurementService] },
    {
      provide: CareLifecycle,
      // LiveRelay is injected only to order start-up: it creates the staff accounts the care file gives wards to.
      useFactory: (
        wards: WardStore,
        staff: StaffDirectory,
        directory: CareDirectoryService,
        plans: CarePlanService,
        watch: EscalationWatchService,
        _relay: LiveRelay,
        m: MeasurementIngress,
        handovers: HandoverService,
        clock: Clock,
      ) => new CareLifecycle(careFile, facility, { wards, staff, directory, plans }, watch, m, { service: handovers, clock }),
      inject: [WardStore, StaffDirectory, CareDirectoryService, CarePlanService, EscalationWatchService, LiveRelay, MeasurementIngress, HandoverService, Clock],
    },
  ];
}
