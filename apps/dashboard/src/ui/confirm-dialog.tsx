import { useState } from 'react';
import { Dialog } from './dialog';

interface ConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly danger?: boolean;
  /** Open on the safe choice (default: when `danger`): for a step that cannot be taken back though nothing is destroyed. */
  readonly safeFirst?: boolean;
  readonly onConfirm: () => Promise<void> | void;
  readonly onClose: () => void;
  readonly testId?: string;
}

/** Asks once, in plain words, before something that cannot be undone. */
export function ConfirmDialog({ title, body, confirmLabel, cancelLabel, danger, safeFirst = danger, onConfirm, onClose, testId }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId={testId}
      footer={
        <>
          {/* Before something destructive the focus starts on the safe choice, so a stray Enter keeps things as they are. */}
          <button type="button" className="button" onClick={onClose} disabled={busy} data-autofocus={safeFirst ? true : undefined}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            onClick={() => void confirm()}
            disabled={busy}
            data-autofocus={safeFirst ? undefined : true}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{body}</p>
    </Dialog>
  );
}
