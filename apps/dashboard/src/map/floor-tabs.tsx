import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Floor } from '../facility/facility-index';

interface FloorTabsProps {
  readonly floors: readonly Floor[];
  readonly current: string;
  readonly robotsByFloor: ReadonlyMap<string, number>;
  readonly onChange: (floorId: string) => void;
}

/** Floor picker as tabs: arrow keys move between floors (WAI-ARIA tabs pattern). */
export function FloorTabs({ floors, current, robotsByFloor, onChange }: FloorTabsProps) {
  const { t } = useTranslation();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (index: number) => {
    const next = (index + floors.length) % floors.length;
    onChange(floors[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs floor-tabs" role="tablist" aria-label={t('map.floors')}>
      {floors.map((floor, i) => (
        <button
          key={floor.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={floor.id === current}
          tabIndex={floor.id === current ? 0 : -1}
          className={floor.id === current ? 'tab tab-on' : 'tab'}
          data-floor-tab={floor.id}
          onClick={() => onChange(floor.id)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i + 1);
            if (e.key === 'ArrowLeft') move(i - 1);
            if (e.key === 'Home') move(0);
            if (e.key === 'End') move(floors.length - 1);
          }}
        >
          <span>{t('map.floorTab', { floor: floor.name })}</span>
          <span className="tab-count">{t('map.robotsOnFloor', { count: robotsByFloor.get(floor.id) ?? 0 })}</span>
        </button>
      ))}
    </div>
  );
}
