import type { OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { Clock, FleetRegistry, Notifier, PatrolService, TaskService, TaskStore, WardStore } from '@opiekun/application';
import type { Facility } from '@opiekun/domain';
import type { AppConfig } from '../config/app-config';
import { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import { PatrolController } from './patrol.controller';
import { PatrolFindingIngress } from './patrol-finding.ingress';

export const PATROL_CONTROLLERS: Type[] = [PatrolController];

class PatrolLifecycle implements OnApplicationBootstrap {
  constructor(private readonly ingress: PatrolFindingIngress) {}

  onApplicationBootstrap(): void {
    this.ingress.start();
  }
}

export function patrolProviders(facility: Facility, config: Pick<AppConfig, 'PATROL_FINDING_TYPES' | 'PATROL_CHECK_ACTION'>): Provider[] {
  const options = { findingTypes: config.PATROL_FINDING_TYPES, checkAction: config.PATROL_CHECK_ACTION };
  return [
    {
      provide: PatrolService,
      useFactory: (tasks: TaskService, store: TaskStore, wards: WardStore, fleet: FleetRegistry, clock: Clock, n: Notifier) => new PatrolService(tasks, store, wards, fleet, facility, clock, n, options),
      inject: [TaskService, TaskStore, WardStore, FleetRegistry, Clock, Notifier],
    },
    { provide: PatrolFindingIngress, useFactory: (link: MqttRobotLink, p: PatrolService) => new PatrolFindingIngress(link, p), inject: [MqttRobotLink, PatrolService] },
    { provide: PatrolLifecycle, useFactory: (i: PatrolFindingIngress) => new PatrolLifecycle(i), inject: [PatrolFindingIngress] },
  ];
}
