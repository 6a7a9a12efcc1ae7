import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AlertService, AlertWatchService, FleetControlService, StaffAuthService } from '@opiekun/application';
import { concatMap, from, type Subscription } from 'rxjs';
import { EventBus, type OpiekunEvent } from '../events/event-bus';
import { DEMO_STAFF } from './demo-staff';

/** Wires what the api announces to the dashboard's services: alerts are stored, robots watched, a fleet stop kept. */
export class LiveRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dashboard');
  private subscription?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly auth: StaffAuthService,
    private readonly alerts: AlertService,
    private readonly watch: AlertWatchService,
    private readonly control: FleetControlService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.auth.seedWhenEmpty(DEMO_STAFF);
    if (seeded > 0) this.logger.warn(`created ${seeded} demo staff accounts (README, "Dashboard"): change their passwords before real use`);
    await this.control.load();
    // One event at a time, in order: an alert is stored before the next one is looked at.
    this.subscription = this.bus.events$.pipe(concatMap((event) => from(this.handle(event)))).subscribe();
    this.watch.start();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
    this.subscription?.unsubscribe();
  }

  private async handle(event: OpiekunEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'alert':
          await this.alerts.record(event.alert);
          return;
        case 'robot.changed':
          this.watch.onRobotChanged(event.robot);
          await this.control.onRobotChanged(event.robot);
          return;
        case 'task.changed':
          return;
      }
    } catch (error) {
      this.logger.error(`could not handle ${event.type}: ${(error as Error).message}`);
    }
  }
}
