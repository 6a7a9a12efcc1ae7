import type { SimFacility } from '../facility/sim-facility';
import { CHARGER_NODE_KIND } from '../facility/sim-facility';
import type { OrderNode } from '../protocol';
import type { Pose } from './drive-segment';
import type { StartPose } from './vehicle-config';

/** Below this a vehicle counts as standing on a node even when the order allows no deviation. */
const ON_NODE_TOLERANCE_M = 0.01;

/**
 * Where things are, as far as the vehicle knows: an order node's own position first (that is what the master
 * means), the facility map otherwise. Without a facility every node counts as a charger, for lack of a map to ask.
 */
export class VehicleMap {
  constructor(private readonly facility: SimFacility | undefined) {}

  poseOf(node: OrderNode, fallbackTheta: number): Pose | undefined {
    const position = node.nodePosition;
    if (position) return { x: position.x, y: position.y, theta: position.theta ?? fallbackTheta, mapId: position.mapId };
    return this.poseOfNodeId(node.nodeId, fallbackTheta);
  }

  poseOfNodeId(nodeId: string, theta = 0): Pose | undefined {
    const mapNode = this.facility?.nodes.get(nodeId);
    return mapNode && { x: mapNode.x, y: mapNode.y, theta, mapId: mapNode.floor };
  }

  startPose(nodeId: string, configured: StartPose | undefined): Pose {
    const pose = configured ? { theta: 0, ...configured } : this.poseOfNodeId(nodeId);
    if (!pose) throw new Error(`start node ${nodeId} is not on the facility map and no startPose was given`);
    return pose;
  }

  isCharger(nodeId: string): boolean {
    if (!this.facility) return true;
    return this.facility.nodes.get(nodeId)?.kind === CHARGER_NODE_KIND;
  }

  /** §6.6.1: the first node of a new order must be where the vehicle is, or within the node's deviation range. */
  isTriviallyReachable(node: OrderNode, standingOn: string | undefined, pose: Pose): boolean {
    if (standingOn !== undefined && node.nodeId === standingOn) return true;
    const position = node.nodePosition;
    if (!position || position.mapId !== pose.mapId) return false;
    const allowed = Math.max(position.allowedDeviationXY ?? 0, ON_NODE_TOLERANCE_M);
    return Math.hypot(position.x - pose.x, position.y - pose.y) <= allowed;
  }
}
