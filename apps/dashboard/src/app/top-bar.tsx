import { useTranslation } from 'react-i18next';
import { StopAllButton } from '../fleet/fleet-control';
import { formatTime } from '../i18n/format';
import { useLive, useNow } from '../state/use-live';
import { Icon } from '../ui/icon';
import { useApp } from './app-context';
import { LanguageSwitch } from './language-switch';

export function TopBar({ onSignOut }: { readonly onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { facility, session } = useApp();
  const connection = useLive((s) => s.connection);
  const now = useNow(10_000);
  return (
    <header className="top-bar">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        {/* Cut short on a tablet to keep the bar to one row: the whole name is in its tooltip. */}
        <span className="facility-name" title={facility.data.name}>
          {facility.data.name}
        </span>
      </div>
      <div className="top-status">
        <time className="clock" dateTime={new Date(now).toISOString()} aria-label={t('app.clock')}>
          {formatTime(now, i18n.language, facility.timezone)}
        </time>
        <span className={`connection connection-${connection}`} data-connection={connection}>
          <span className="badge-dot" aria-hidden="true" />
          {connection === 'online' ? t('connection.online') : connection === 'connecting' ? t('connection.connecting') : t('connection.offlineShort')}
        </span>
      </div>
      <LanguageSwitch />
      <span className="user" title={t('auth.signedInAs', { name: session.user.displayName, role: t(`role.${session.user.role}`) })}>
        <span className="user-name">
          <strong>{session.user.displayName}</strong>
          <span>{t(`role.${session.user.role}`)}</span>
        </span>
        <button type="button" className="icon-button" onClick={onSignOut} aria-label={t('auth.signOut')} title={t('auth.signOut')}>
          <Icon name="signOut" />
        </button>
      </span>
      <StopAllButton />
    </header>
  );
}
