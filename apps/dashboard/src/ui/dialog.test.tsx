import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/i18n';
import { Dialog } from './dialog';

/** A dialog whose button opens a confirmation that, once confirmed, removes the button (as cancelling a task does). */
function Details({ onClose }: { readonly onClose: () => void }) {
  const [active, setActive] = useState(true);
  const [confirming, setConfirming] = useState(false);
  return (
    <Dialog title="Details" onClose={onClose}>
      {active && (
        <button type="button" onClick={() => setConfirming(true)}>
          Cancel the task
        </button>
      )}
      {confirming && (
        <Dialog title="Sure?" onClose={() => setConfirming(false)}>
          <button
            type="button"
            onClick={() => {
              setActive(false);
              setConfirming(false);
            }}
          >
            Yes
          </button>
        </Dialog>
      )}
    </Dialog>
  );
}

describe('<Dialog>', () => {
  it('gives the focus back to the dialog underneath when what opened the confirmation is gone, so Escape still closes it', () => {
    const onClose = vi.fn();
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <Details onClose={onClose} />
      </I18nextProvider>,
    );
    // a real click focuses the button it presses (fireEvent.click alone does not)
    act(() => {
      screen.getByText('Cancel the task').focus();
      fireEvent.click(screen.getByText('Cancel the task'));
    });
    act(() => {
      screen.getByText('Yes').focus();
      fireEvent.click(screen.getByText('Yes'));
    });
    expect(screen.queryByText('Cancel the task')).toBeNull();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement?.closest('[role="dialog"]')).not.toBeNull();
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
