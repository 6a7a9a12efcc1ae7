import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Robot, Task } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { formatIn, formatWhen } from '../i18n/format';
import { PriorityBadge } from '../ui/badges';
import { Icon } from '../ui/icon';
import type { Eta } from './task-eta';
import { endedLate, isOverdue } from './task-model';
import { typeIcon } from './task-templates';
import { taskTitle, typeName } from './task-title';

interface TaskCardProps {
  readonly task: Task;
  readonly robot?: Robot;
  readonly eta: Eta;
  readonly now: number;
  readonly facility: FacilityIndex;
  readonly onOpen: (id: string) => void;
}

/** Times on a card carry their date when not today: a deadline of 08:30 seen at 09:20 is tomorrow's, not overdue. */
export const TaskCard = memo(function TaskCard({ task, robot, eta, now, facility, onOpen }: TaskCardProps) {
  const { t, i18n } = useTranslation();
  const tz = facility.timezone;
  const overdue = isOverdue(task, now);
  const late = endedLate(task);
  const title = taskTitle(t, task, facility);
  const classes = ['task-card', `priority-edge-${task.priority}`, overdue ? 'overdue' : '', `status-${task.status}`];
  return (
    <li>
      <button
        type="button"
        className={classes.filter(Boolean).join(' ')}
        onClick={() => onOpen(task.id)}
        aria-label={t('board.openDetails', { title })}
        data-task={task.id}
        data-status={task.status}
      >
        <span className="task-card-head">
          <span className="type-icon" aria-hidden="true">
            <Icon name={typeIcon(task.type)} size={26} />
          </span>
          <span className="task-card-heading">
            <span className="task-card-title">
              <strong>{typeName(t, task.type)}</strong>
              <span className="task-card-place">{title.split(' — ')[1]}</span>
            </span>
            <PriorityBadge priority={task.priority} />
          </span>
        </span>
        <span className="task-card-meta">
          {overdue && <span className="flag flag-overdue">{t('board.overdue')}</span>}
          {task.carePlanId && <span className="flag">{t('queue.carePlan')}</span>}
          {late && <span className="flag flag-late">{t('board.late')}</span>}
          {task.status === 'on-hold' || task.status === 'failed' || task.status === 'cancelled' ? (
            <span className="flag flag-status">{t(`taskStatus.${task.status}`)}</span>
          ) : null}
          <span>{task.deadline ? t('board.due', { time: formatWhen(task.deadline, now, i18n.language, tz) }) : t('board.noDue')}</span>
          {task.finishedAt ? (
            <span>{t('board.finishedAt', { time: formatWhen(task.finishedAt, now, i18n.language, tz) })}</span>
          ) : (
            <span>{robot ? t('board.robot', { name: robot.name }) : t('board.noRobot')}</span>
          )}
          <EtaText eta={eta} now={now} language={i18n.language} timezone={tz} />
        </span>
      </button>
    </li>
  );
});

function EtaText({ eta, now, language, timezone }: { eta: Eta; now: number; language: string; timezone: string }) {
  const { t } = useTranslation();
  switch (eta.kind) {
    case 'estimate':
      return (
        <span className="eta">
          {t('board.eta', { time: formatWhen(eta.at, now, language, timezone) })} ({formatIn(eta.seconds, language)})
        </span>
      );
    case 'held':
      return <span className="eta eta-held">{t(`board.etaHeld.${eta.reason}`)}</span>;
    case 'waiting':
      return <span className="eta eta-held">{t(`board.etaWaiting.${eta.for}`)}</span>;
    case 'unknown':
      return null;
  }
}
