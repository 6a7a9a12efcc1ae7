import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_KINDS, type IncidentKind, type Resident } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { useLiveStore } from '../state/use-live';
import { Dialog } from '../ui/dialog';
import { useToast } from '../ui/toasts';

/** A new key per form: a double click or a retry after a lost answer never reports the incident twice. */
function requestKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `incident-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Report a fall or other incident for a resident: what staff saw, in their words. The api keeps it and puts a check
 * in the ward's staff queue for every shift of the next 72 hours.
 */
export function IncidentDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const store = useLiveStore();
  const notify = useToast();
  const key = useMemo(requestKey, []);
  const [residents, setResidents] = useState<Resident[] | undefined>();
  const [residentId, setResidentId] = useState('');
  const [kind, setKind] = useState<IncidentKind>('fall');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    api.residents().then(
      (list) => setResidents(list),
      (e: unknown) => setError(errorText(t, e)),
    );
  }, [api, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const incident = await api.reportIncident({ residentId, kind, description: description.trim() }, key);
      for (const task of incident.followUps ?? []) store.upsertTask(task);
      notify(t('incident.reported', { count: incident.followUps?.length ?? 0 }), 'success');
      onClose();
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('incident.title')} onClose={onClose} testId="incident-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('incident.resident')}</span>
          <select value={residentId} onChange={(e) => setResidentId(e.target.value)} required data-field="incident-resident" data-autofocus>
            <option value="">{residents ? t('incident.chooseResident') : t('common.loading')}</option>
            {(residents ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {t('incident.residentOption', { name: r.displayName, room: r.roomId, bed: r.bed })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('incident.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as IncidentKind)} data-field="incident-kind">
            {INCIDENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`incidentKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('incident.description')}</span>
          <textarea value={description} maxLength={2000} rows={3} required onChange={(e) => setDescription(e.target.value)} data-field="incident-description" />
          <small>{t('incident.followUpHint')}</small>
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !residentId || !description.trim()} data-action="submit-incident">
            {t('incident.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
