import { useTranslation } from 'react-i18next';
import type { RobotState, TaskPriority } from '../api/contract';

/** Priority as colour AND word (never colour alone). */
export function PriorityBadge({ priority }: { readonly priority: TaskPriority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge priority-${priority}`} data-priority={priority}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`priority.${priority}`)}
    </span>
  );
}

export function StateBadge({ state }: { readonly state: RobotState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge state-${state}`} data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`robotState.${state}`)}
    </span>
  );
}

export function BatteryMeter({ level, charging }: { readonly level?: number; readonly charging?: boolean }) {
  const { t } = useTranslation();
  if (level === undefined) return <span className="battery battery-unknown">{t('map.batteryUnknown')}</span>;
  const rounded = Math.round(level);
  const tone = rounded < 20 ? 'low' : rounded < 40 ? 'mid' : 'ok';
  return (
    <span className={`battery battery-${tone}`}>
      <span className="battery-bar" aria-hidden="true">
        <span className="battery-fill" style={{ width: `${Math.max(0, Math.min(100, rounded))}%` }} />
      </span>
      <span>{t('common.percent', { value: rounded })}{charging ? ` · ${t('robots.charging')}` : ''}</span>
    </span>
  );
}
