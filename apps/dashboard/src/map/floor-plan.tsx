import { memo } from 'react';
import type { FacilityNode } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { ICON_PATHS } from '../ui/icon-paths';
import { toSvg, type FloorLayout } from './floor-geometry';

interface FloorPlanProps {
  readonly facility: FacilityIndex;
  readonly floorId: string;
  readonly layout: FloorLayout;
  /** Elevator id → robot names riding it (any floor). */
  readonly busyElevators: ReadonlyMap<string, string>;
}

function Symbol({ node, r, icon, className, title }: { node: FacilityNode; r: number; icon: keyof typeof ICON_PATHS; className: string; title: string }) {
  const p = toSvg(node.x, node.y);
  const s = (r * 1.3) / 12;
  return (
    <g className={className} transform={`translate(${p.x} ${p.y})`}>
      <title>{title}</title>
      <circle r={r} />
      <path d={ICON_PATHS[icon]} transform={`scale(${s}) translate(-12 -12)`} className="symbol-icon" />
      <text y={r + 0.9} className="symbol-label">
        {title}
      </text>
    </g>
  );
}

const SERVICE_ICONS: Readonly<Record<string, keyof typeof ICON_PATHS>> = {
  kitchen: 'meal',
  laundry: 'linen',
  pharmacy: 'medication',
  lab: 'lab',
  storage: 'supplies',
  'nurse-station': 'vitals',
};

/** The static drawing of one floor: corridors, rooms by number, services, elevators, chargers. */
export const FloorPlan = memo(function FloorPlan({ facility, floorId, layout, busyElevators }: FloorPlanProps) {
  const nodes = facility.nodesOnFloor(floorId);
  const onFloor = new Set(nodes.map((n) => n.id));
  const edges = facility.data.edges.filter((e) => e.kind !== 'elevator' && onFloor.has(e.from) && onFloor.has(e.to));
  return (
    <g className="floor-plan">
      {edges.map((edge) => {
        const a = facility.node(edge.from)!;
        const b = facility.node(edge.to)!;
        const pa = toSvg(a.x, a.y);
        const pb = toSvg(b.x, b.y);
        return (
          <line
            key={`${edge.from}|${edge.to}`}
            className={edge.kind === 'door' ? 'edge-door' : 'edge-corridor'}
            x1={pa.x}
            y1={pa.y}
            x2={pb.x}
            y2={pb.y}
            strokeWidth={edge.kind === 'door' ? layout.corridorWidth * 0.45 : layout.corridorWidth}
          />
        );
      })}
      {nodes.map((node) => {
        const room = facility.roomAt(node.id);
        if (room) {
          const p = toSvg(node.x, node.y);
          return (
            <g key={node.id} className="room" data-room={room.id} transform={`translate(${p.x} ${p.y})`}>
              <rect x={-layout.roomW / 2} y={-layout.roomH / 2} width={layout.roomW} height={layout.roomH} rx={0.3} />
              <text className="room-number" dy="0.35em">
                {room.id}
              </text>
            </g>
          );
        }
        if (node.kind === 'elevator') {
          const elevator = facility.elevatorAt(node.id);
          const busy = elevator ? busyElevators.get(elevator.id) : undefined;
          return (
            <Symbol key={node.id} node={node} r={layout.symbolR} icon="elevator" className={busy ? 'elevator elevator-busy' : 'elevator'} title={busy ? `${node.label ?? elevator?.id ?? node.id} · ${busy}` : (node.label ?? elevator?.id ?? node.id)} />
          );
        }
        if (node.kind === 'charger') return <Symbol key={node.id} node={node} r={layout.symbolR * 0.8} icon="charger" className="charger" title={node.label ?? node.id} />;
        if (node.kind === 'corridor') return null;
        return <Symbol key={node.id} node={node} r={layout.symbolR} icon={SERVICE_ICONS[node.kind] ?? 'task'} className={`service service-${node.kind}`} title={node.label ?? node.id} />;
      })}
    </g>
  );
});
