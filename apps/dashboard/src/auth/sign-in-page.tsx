import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignIn } from '../api/contract';
import { ApiError } from '../api/http-client';
import type { OpiekunApi } from '../api/opiekun-api';
import { errorText } from '../app/error-text';
import { LanguageSwitch } from '../app/language-switch';

interface SignInPageProps {
  readonly api: OpiekunApi;
  readonly onSignedIn: (session: SignIn) => void;
  readonly notice?: string;
}

export function SignInPage({ api, onSignedIn, notice }: SignInPageProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(notice);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(username, password));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('auth.failed') : errorText(t, e));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-lang">
        <LanguageSwitch />
      </div>
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">
          {t('app.title')} · {t('auth.title')}
        </h1>
        <p>{t('auth.intro')}</p>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </main>
  );
}
