import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_PRIORITIES, type TaskPriority } from '../api/contract';
import { Icon } from '../ui/icon';

/** Where an arrow, Home or End key moves the choice (round the ends, as radio groups do); undefined for other keys. */
function movedChoice(key: string, at: number): number | undefined {
  const count = TASK_PRIORITIES.length;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/**
 * The priority as a WAI-ARIA radio group: one tab stop (the chosen one), arrows move the choice. The chosen segment is
 * filled and ticked, so it never depends on colour alone; the others show their priority colour only as a dot.
 */
export function PriorityPicker({ value, onChange }: { readonly value: TaskPriority; readonly onChange: (priority: TaskPriority) => void }) {
  const { t } = useTranslation();
  const group = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent) => {
    const next = movedChoice(event.key, TASK_PRIORITIES.indexOf(value));
    if (next === undefined) return;
    event.preventDefault();
    const priority = TASK_PRIORITIES[next]!;
    onChange(priority);
    group.current?.querySelector<HTMLElement>(`[data-priority-choice="${priority}"]`)?.focus();
  };

  return (
    <div ref={group} className="segmented priority-picker" role="radiogroup" aria-label={t('priority.label')} onKeyDown={onKeyDown}>
      {TASK_PRIORITIES.map((p) => {
        const chosen = p === value;
        return (
          <button
            key={p}
            type="button"
            role="radio"
            aria-checked={chosen}
            tabIndex={chosen ? 0 : -1}
            className={`segment priority-choice priority-choice-${p}${chosen ? ' segment-on' : ''}`}
            onClick={() => onChange(p)}
            data-priority-choice={p}
          >
            {chosen ? <Icon name="check" size={18} className="priority-check" /> : <span className="badge-dot" aria-hidden="true" />}
            {t(`priority.${p}`)}
          </button>
        );
      })}
    </div>
  );
}
