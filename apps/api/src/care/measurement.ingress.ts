import { Logger } from '@nestjs/common';
import type { MeasurementService } from '@opiekun/application';
import { robotId } from '@opiekun/domain';
import type { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';

/**
 * Listens to every valid robot state next to FleetIngress (the link's client has many listeners) and hands its
 * action states to the measurement service: a finished measuring action's `resultDescription` is kept as a
 * preliminary measurement until a nurse confirms it.
 */
export class MeasurementIngress {
  private readonly logger = new Logger('Measurements');

  constructor(
    private readonly link: MqttRobotLink,
    private readonly measurements: MeasurementService,
  ) {}

  start(): void {
    this.link.client.on('state', ({ manufacturer, serialNumber, message }) => {
      const actions = (message.actionStates ?? [])
        .filter((a) => a.actionStatus === 'FINISHED' && a.resultDescription)
        .map((a) => ({ id: a.actionId, type: a.actionType ?? '', status: a.actionStatus, result: a.resultDescription }));
      if (actions.length === 0) return;
      this.measurements
        .onActions(robotId(manufacturer, serialNumber), message.orderId, actions)
        .catch((error: Error) => this.logger.error(`measurement: ${error.message}`, error.stack));
    });
  }
}
