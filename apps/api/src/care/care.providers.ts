import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import type { Mutex } from 'async-mutex';
import {
  CareDirectoryService,
  CarePlanService,
  CarePlanStore,
  CareSeedStore,
  Clock,
  DEFAULT_CARE_PLAN_OPTIONS,
  DispatchService,
  EscalationWatchService,
  AlertStore,
  FleetRegistry,
  HandoverService,
  HandoverStore,
  IdGenerator,
  isCustodyType,
  IncidentService,
  IncidentStore,
  MeasurementService,
  MeasurementStore,
  Notifier,
  ResidentStore,
  seedCareWhenEmpty,
  StaffDirectory,
  StaffQueueService,
  TaskRequestStore,
  TaskStore,
  WardStore,
  type CustodyOptions,
  type TimerHandle,
} from '@opiekun/application';
import { DomainError, DomainErrorCode, SHIFT_START_HOURS, type Facility } from '@opiekun/domain';
import { DataSource } from 'typeorm';
import { LiveRelay } from '../live/live-relay';
import { TypeormCarePlanStore, TypeormCareSeedStore, TypeormResidentStore, TypeormWardStore } from '../persistence/stores/typeorm-care.stores';
import { TypeormStaffDirectory } from '../persistence/stores/typeorm-staff-directory';
import { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import { TypeormMeasurementStore } from '../persistence/stores/typeorm-measurement.store';
import { TypeormHandoverStore, TypeormIncidentStore } from '../persistence/stores/typeorm-handover.stores';
import { CareFileError, readCareFile, type CareFile } from './care-file';
import { CarePlansController } from './care-plans.controller';
import { ResidentsController, StaffController, WardsController } from './care-directory.controller';
import { HandoversController, IncidentsController } from './handover.controller';
import { MeasurementIngress } from './measurement.ingress';
import { MeasurementsController } from './measurements.controller';
import { StaffQueueController } from './staff-queue.controller';

const logger = new Logger('Care');
/** The care file, read and checked (null: none). */
const CARE_FILE = Symbol('CARE_FILE');
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
    private readonly careFile: { path: string; content: CareFile | null },
    private readonly deps: { seeds: CareSeedStore; staff: StaffDirectory; plans: CarePlanService; facility: Facility; ids: IdGenerator },
    private readonly watch: EscalationWatchService,
    private readonly measurements: MeasurementIngress,
    private readonly handovers: { service: HandoverService; clock: Clock },
  ) {}

  private handoverTimer?: TimerHandle;

  async onApplicationBootstrap(): Promise<void> {
    const { path, content } = this.careFile;
    if (content) await this.seed(path, content);
    // The plans' first tasks are raised here, the seeded ones' too.
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

  /**
   * A file refused for a fresh database stops the start as main.ts stops a bad file (CareFileError: exit 2); one a
   * seeded database no longer uses only has its problems logged.
   */
  private async seed(path: string, { seed }: CareFile): Promise<void> {
    const { seeds, staff, facility, ids } = this.deps;
    const outcome = await seedCareWhenEmpty(seed, { store: seeds, staff, facility, ids, now: this.handovers.clock.now() }).catch((error: Error) => {
      if (error instanceof DomainError && error.code === DomainErrorCode.CareInvalid) throw new CareFileError(path, error.details ?? [error.message]);
      throw new Error(`CARE_FILE=${path}: could not be stored, and nothing of it was: ${error.message}`, { cause: error });
    });
    if (!outcome.seeded) {
      for (const problem of outcome.problems) logger.warn(`CARE_FILE=${path}: ${problem} (the file is not used: the database has its wards already)`);
      return;
    }
    const { care, unknownStaff } = outcome;
    logger.log(`care file ${path}: ${care.wards.length} wards, ${care.residents.length} residents, ${care.plans.length} care plans`);
    if (unknownStaff.length > 0) logger.warn(`care file ${path}: no staff account ${unknownStaff.join(', ')}: their wards were not assigned`);
  }
}

/** Care operations in the api: stores, services and their lifecycle. `careFile` '' starts with no care data. */
export function careProviders(facility: Facility, mutex: Mutex, careFile: string, custody: Pick<CustodyOptions, 'taskTypes'>): Provider[] {
  return [
    { provide: WardStore, useFactory: (db: DataSource) => new TypeormWardStore(db), inject: [DataSource] },
    { provide: ResidentStore, useFactory: (db: DataSource) => new TypeormResidentStore(db), inject: [DataSource] },
    { provide: CarePlanStore, useFactory: (db: DataSource) => new TypeormCarePlanStore(db), inject: [DataSource] },
    { provide: StaffDirectory, useFactory: (db: DataSource) => new TypeormStaffDirectory(db), inject: [DataSource] },
    { provide: CareSeedStore, useFactory: (db: DataSource) => new TypeormCareSeedStore(db), inject: [DataSource] },
    // main.ts has checked the file's shape before anything started; it is read again here for this start.
    { provide: CARE_FILE, useFactory: () => (careFile ? readCareFile(careFile) : null) },
    {
      provide: CareDirectoryService,
      useFactory: (wards: WardStore, residents: ResidentStore, staff: StaffDirectory, clock: Clock, ids: IdGenerator) =>
        new CareDirectoryService(wards, residents, staff, facility, clock, ids),
      inject: [WardStore, ResidentStore, StaffDirectory, Clock, IdGenerator],
    },
    {
      provide: CarePlanService,
      useFactory: (plans: CarePlanStore, wards: WardStore, residents: ResidentStore, tasks: TaskStore, fleet: FleetRegistry, clock: Clock, ids: IdGenerator, n: Notifier, d: DispatchService, directory: CareDirectoryService, keys: TaskRequestStore) => {
        const service = new CarePlanService(plans, wards, residents, tasks, fleet, facility, clock, ids, n, d, mutex, report, DEFAULT_CARE_PLAN_OPTIONS, keys);
        directory.follow(service);
        return service;
      },
      inject: [CarePlanStore, WardStore, ResidentStore, TaskStore, FleetRegistry, Clock, IdGenerator, Notifier, DispatchService, CareDirectoryService, TaskRequestStore],
    },
    {
      provide: StaffQueueService,
      useFactory: (tasks: TaskStore, wards: WardStore, fleet: FleetRegistry, clock: Clock, ids: IdGenerator, n: Notifier, d: DispatchService, keys: TaskRequestStore) =>
        // medication (custody types) is taken on and completed by a nurse only
        new StaffQueueService(tasks, wards, fleet, facility, clock, ids, n, d, mutex, (task) => isCustodyType(task.type, custody), keys),
      inject: [TaskStore, WardStore, FleetRegistry, Clock, IdGenerator, Notifier, DispatchService, TaskRequestStore],
    },
    {
      provide: EscalationWatchService,
      useFactory: (tasks: TaskStore, fleet: FleetRegistry, staff: StaffQueueService, clock: Clock) => new EscalationWatchService(tasks, fleet, staff, facility, clock, mutex, report),
      inject: [TaskStore, FleetRegistry, StaffQueueService, Clock],
    },
    { provide: HandoverStore, useFactory: (db: DataSource) => new TypeormHandoverStore(db), inject: [DataSource] },
    { provide: IncidentStore, useFactory: (db: DataSource) => new TypeormIncidentStore(db), inject: [DataSource] },
    { provide: SHIFT_CHANGES, useFactory: (content: CareFile | null) => content?.shiftChanges ?? SHIFT_START_HOURS, inject: [CARE_FILE] },
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
        content: CareFile | null,
        seeds: CareSeedStore,
        staff: StaffDirectory,
        plans: CarePlanService,
        watch: EscalationWatchService,
        _relay: LiveRelay,
        m: MeasurementIngress,
        handovers: HandoverService,
        clock: Clock,
        ids: IdGenerator,
      ) => new CareLifecycle({ path: careFile, content }, { seeds, staff, plans, facility, ids }, watch, m, { service: handovers, clock }),
      inject: [CARE_FILE, CareSeedStore, StaffDirectory, CarePlanService, EscalationWatchService, LiveRelay, MeasurementIngress, HandoverService, Clock, IdGenerator],
    },
  ];
}
