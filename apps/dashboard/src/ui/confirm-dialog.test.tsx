import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/i18n';
import { ConfirmDialog } from './confirm-dialog';

function renderConfirm(danger: boolean, safeFirst?: boolean) {
  render(
    <I18nextProvider i18n={createI18n('pl')}>
      <ConfirmDialog title="Anulować?" body="Tego nie można cofnąć." confirmLabel="Tak, anuluj" cancelLabel="Nie, zostaw" danger={danger} safeFirst={safeFirst} onConfirm={() => undefined} onClose={() => undefined} />
    </I18nextProvider>,
  );
}

describe('<ConfirmDialog>', () => {
  it('opens on the safe choice before something destructive, so Enter does not do it', () => {
    renderConfirm(true);
    expect(document.activeElement).toBe(screen.getByText('Nie, zostaw'));
  });

  it('opens on the safe choice before a step that cannot be taken back though nothing is destroyed (a task done)', () => {
    renderConfirm(false, true);
    expect(document.activeElement).toBe(screen.getByText('Nie, zostaw'));
  });

  it('opens on the confirmation when nothing is destroyed', () => {
    renderConfirm(false);
    expect(document.activeElement).toBe(screen.getByText('Tak, anuluj'));
  });
});
