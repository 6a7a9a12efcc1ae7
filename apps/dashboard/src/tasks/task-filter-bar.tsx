import { useTranslation } from 'react-i18next';
import { TASK_PRIORITIES, type TaskPriority } from '../api/contract';
import type { Floor } from '../facility/facility-index';
import { isFiltering, NO_FILTER, type TaskFilter } from './task-filters';
import { typeName } from './task-title';

interface TaskFilterBarProps {
  readonly filter: TaskFilter;
  readonly floors: readonly Floor[];
  readonly types: readonly string[];
  readonly onChange: (filter: TaskFilter) => void;
}

export function TaskFilterBar({ filter, floors, types, onChange }: TaskFilterBarProps) {
  const { t } = useTranslation();
  const all = t('board.filters.all');
  return (
    <fieldset className="filter-bar">
      <legend>{t('board.filters.label')}</legend>
      <label className="field field-inline">
        <span>{t('board.filters.floor')}</span>
        <select value={filter.floor ?? ''} onChange={(e) => onChange({ ...filter, floor: e.target.value || undefined })} data-filter="floor">
          <option value="">{all}</option>
          {floors.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('board.filters.type')}</span>
        <select value={filter.type ?? ''} onChange={(e) => onChange({ ...filter, type: e.target.value || undefined })} data-filter="type">
          <option value="">{all}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeName(t, type)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('board.filters.priority')}</span>
        <select
          value={filter.priority ?? ''}
          onChange={(e) => onChange({ ...filter, priority: (e.target.value || undefined) as TaskPriority | undefined })}
          data-filter="priority"
        >
          <option value="">{all}</option>
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {isFiltering(filter) && (
        <button type="button" className="button" onClick={() => onChange(NO_FILTER)}>
          {t('board.filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
