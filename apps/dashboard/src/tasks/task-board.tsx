import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, Robot, Task } from '../api/contract';
import { useApp } from '../app/app-context';
import type { LiveState } from '../state/live-store';
import { useLive, useLiveThrottled, useNow } from '../state/use-live';
import { startOfLocalDay } from '../time/zoned-time';
import { TaskCard } from './task-card';
import { TaskDetailsDialog } from './task-details-dialog';
import { estimateEta } from './task-eta';
import { TaskFilterBar } from './task-filter-bar';
import { filterTasks, knownTypes, NO_FILTER, type TaskFilter } from './task-filters';
import { BOARD_COLUMNS, groupTasks } from './task-grouping';
import { TEMPLATE_TYPES } from './task-templates';

const selectRobots = (s: LiveState) => s.robots;
const selectPicked = (s: LiveState) => s.pickedUp;

/** Tasks the dispatcher said no robot can take: open "no capable robot" alerts. */
export function unassignableTasks(alerts: Iterable<Alert>): Set<string> {
  const ids = new Set<string>();
  for (const alert of alerts) if (alert.kind === 'no-capable-robot' && alert.taskId && !alert.acknowledgedAt) ids.add(alert.taskId);
  return ids;
}

export function TaskBoard() {
  const { t } = useTranslation();
  const { facility, router } = useApp();
  const tasks = useLive((s) => s.tasks);
  const alerts = useLive((s) => s.alerts);
  // Robot positions only feed ETAs and names here: once a second is plenty.
  const robots = useLiveThrottled(selectRobots, 1000);
  const pickedUp = useLiveThrottled(selectPicked, 1000);
  const now = useNow(15_000);
  const [filter, setFilter] = useState<TaskFilter>(NO_FILTER);
  const [openId, setOpenId] = useState<string | undefined>();
  const onOpen = useCallback((id: string) => setOpenId(id), []);

  const unassignable = useMemo(() => unassignableTasks(alerts.values()), [alerts]);
  const board = useMemo(() => {
    const visible = filterTasks(tasks.values(), filter, facility);
    return groupTasks(visible, startOfLocalDay(now, facility.timezone), unassignable, now);
  }, [tasks, filter, facility, now, unassignable]);
  const types = useMemo(() => knownTypes(tasks.values(), TEMPLATE_TYPES), [tasks]);

  return (
    <section className="task-board-view" aria-labelledby="board-title">
      <div className="view-header">
        <h2 id="board-title">{t('board.title')}</h2>
        <TaskFilterBar filter={filter} floors={facility.floors} types={types} onChange={setFilter} />
      </div>
      <div className="board">
        {BOARD_COLUMNS.map((column) => (
          <section key={column} className={`board-column column-${column}`} aria-labelledby={`col-${column}`} data-column={column}>
            <h3 id={`col-${column}`}>
              {t(`board.columns.${column}`)} <span className="count">{board[column].length}</span>
            </h3>
            {board[column].length === 0 ? (
              <p className="empty">{t('board.empty')}</p>
            ) : (
              <ul className="task-list">
                {board[column].map((task) => (
                  <BoardCard key={task.id} task={task} robots={robots} pickedUp={pickedUp.has(task.id)} now={now} onOpen={onOpen} router={router} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      {openId && <TaskDetailsDialog taskId={openId} onClose={() => setOpenId(undefined)} />}
    </section>
  );
}

function BoardCard({ task, robots, pickedUp, now, onOpen, router }: { task: Task; robots: ReadonlyMap<string, Robot>; pickedUp: boolean; now: number; onOpen: (id: string) => void; router: ReturnType<typeof useApp>['router'] }) {
  const { facility, custodyTypes } = useApp();
  const robot = task.robotId ? robots.get(task.robotId) : undefined;
  const eta = estimateEta(task, robot, router, Date.now(), pickedUp, custodyTypes);
  return <TaskCard task={task} robot={robot} eta={eta} now={now} facility={facility} onOpen={onOpen} />;
}
