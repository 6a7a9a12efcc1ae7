import { Logger } from '@nestjs/common';
import type { PatrolService } from '@opiekun/application';
import { robotId, type RobotNotice } from '@opiekun/domain';
import type { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';

interface Reference {
  readonly referenceKey: string;
  readonly referenceValue: string;
}

interface StateNotices {
  readonly lastNodeId?: string;
  readonly errors?: readonly { errorType: string; errorDescription?: string; errorReferences?: readonly Reference[] }[];
  readonly information?: readonly { infoType: string; infoDescription?: string; infoReferences?: readonly Reference[] }[];
}

const nodeOf = (references: readonly Reference[] | undefined) => references?.find((r) => r.referenceKey === 'nodeId')?.referenceValue;

/** A state's errors and information entries as notices (type, description, the node they name). */
export function noticesOf(state: StateNotices): RobotNotice[] {
  const notice = (type: string, description?: string, nodeId?: string): RobotNotice => ({ type, ...(description ? { description } : {}), ...(nodeId ? { nodeId } : {}) });
  return [
    ...(state.errors ?? []).map((e) => notice(e.errorType, e.errorDescription, nodeOf(e.errorReferences))),
    ...(state.information ?? []).map((i) => notice(i.infoType, i.infoDescription, nodeOf(i.infoReferences))),
  ];
}

/**
 * Listens to every valid robot state next to FleetIngress (the link's client has many listeners) and hands its
 * notices to the patrol service; only a robot on a patrol can raise a finding there.
 */
export class PatrolFindingIngress {
  private readonly logger = new Logger('Patrol');

  constructor(
    private readonly link: MqttRobotLink,
    private readonly patrols: PatrolService,
  ) {}

  start(): void {
    this.link.client.on('state', ({ manufacturer, serialNumber, message }) => {
      const notices = noticesOf(message);
      if (notices.length === 0) return;
      this.patrols.onNotices(robotId(manufacturer, serialNumber), notices, message.lastNodeId).catch((error: Error) => this.logger.error(`patrol finding: ${error.message}`, error.stack));
    });
  }
}
