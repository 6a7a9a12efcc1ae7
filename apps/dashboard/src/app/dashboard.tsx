import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertsPanel, StatAlertBanner } from '../alerts/alerts-panel';
import { HandoverPanel } from '../care/handover-panel';
import { StaffQueuePanel } from '../care/staff-queue-panel';
import { isOpen } from '../alerts/alert-text';
import { playStatCue } from '../alerts/stat-cue';
import { FleetStoppedBanner } from '../fleet/fleet-control';
import { MapView } from '../map/map-view';
import { RobotsPanel } from '../robots/robots-panel';
import { LiveConnection } from '../state/live-connection';
import { LiveStore } from '../state/live-store';
import { LiveStoreContext, useLive } from '../state/use-live';
import { ShiftSummary } from '../summary/shift-summary';
import { NewTaskDialog } from '../tasks/new-task-dialog';
import { TaskBoard } from '../tasks/task-board';
import { Icon } from '../ui/icon';
import type { IconName } from '../ui/icon-paths';
import { useToast } from '../ui/toasts';
import { useApp } from './app-context';
import { TopBar } from './top-bar';
import { useViewRoute, VIEWS, type View } from './view-route';

const VIEW_ICONS: Record<View, IconName> = { map: 'map', tasks: 'list', queue: 'flag', handover: 'check', robots: 'robot', alerts: 'bell', summary: 'chart' };

interface DashboardProps {
  readonly onSignOut: () => void;
  readonly onUnauthenticated: () => void;
}

/** The signed-in page: one live store and connection for its lifetime. */
export function Dashboard({ onSignOut, onUnauthenticated }: DashboardProps) {
  const { t } = useTranslation();
  const { api, session, facility } = useApp();
  const notify = useToast();
  const store = useMemo(() => new LiveStore(), []);
  // Read at call time, so a toast after a language change speaks the new language without reconnecting.
  const words = useRef({ t, notify, onUnauthenticated });
  words.current = { t, notify, onUnauthenticated };

  useEffect(() => {
    const connection = new LiveConnection({
      api,
      store,
      token: session.token,
      timezone: facility.timezone,
      onUnauthenticated: () => words.current.onUnauthenticated(),
      onStatAlert: () => playStatCue(),
      onResynced: () => words.current.notify(words.current.t('connection.resynced'), 'success'),
    });
    connection.start();
    return () => connection.stop();
  }, [api, store, session.token, facility.timezone]);

  return (
    <LiveStoreContext.Provider value={store}>
      <Shell onSignOut={onSignOut} />
    </LiveStoreContext.Provider>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const { facility, can } = useApp();
  const [view, go] = useViewRoute();
  const [floorId, setFloorId] = useState(() => facility.floors[0]?.id ?? '');
  const [selectedRobot, setSelectedRobot] = useState<string | undefined>();
  const [newTask, setNewTask] = useState(false);
  const openAlerts = useLive((s) => {
    let n = 0;
    for (const a of s.alerts.values()) if (isOpen(a)) n += 1;
    return n;
  });

  const showOnMap = (id: string) => {
    setSelectedRobot(id);
    go('map');
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar onSignOut={onSignOut} />
      {/* Above the banners, so the views stay where the hand expects them when an alert appears. */}
      <nav className="main-nav" aria-label={t('nav.label')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <a href={`#/${v}`} className={view === v ? 'nav-link active' : 'nav-link'} aria-current={view === v ? 'page' : undefined} data-nav={v}>
                <Icon name={VIEW_ICONS[v]} />
                <span>{t(`nav.${v}`)}</span>
                {v === 'alerts' && openAlerts > 0 && <span className="nav-count">{openAlerts}</span>}
              </a>
            </li>
          ))}
        </ul>
        {can('task.create') && (
          <button type="button" className="button button-primary new-task-button" onClick={() => setNewTask(true)} data-action="new-task">
            <Icon name="plus" /> {t('newTask.open')}
          </button>
        )}
      </nav>
      <OfflineBanner />
      <FleetStoppedBanner />
      <StatAlertBanner />
      <main id="main" className={`view view-${view}`} tabIndex={-1}>
        {view === 'map' && <MapView floorId={floorId} onFloorChange={setFloorId} selectedRobotId={selectedRobot} onSelectRobot={setSelectedRobot} />}
        {view === 'tasks' && <TaskBoard />}
        {view === 'queue' && <StaffQueuePanel />}
        {view === 'handover' && <HandoverPanel />}
        {view === 'robots' && <RobotsPanel onShowOnMap={showOnMap} />}
        {view === 'alerts' && <AlertsPanel />}
        {view === 'summary' && <ShiftSummary />}
      </main>
      {newTask && <NewTaskDialog onClose={() => setNewTask(false)} />}
    </div>
  );
}

function OfflineBanner() {
  const { t } = useTranslation();
  const connection = useLive((s) => s.connection);
  const synced = useLive((s) => s.syncedAt !== undefined);
  if (connection === 'online' || (connection === 'connecting' && !synced)) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <Icon name="warning" /> {t('connection.offline')}
    </div>
  );
}
