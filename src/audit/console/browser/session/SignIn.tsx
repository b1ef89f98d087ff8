import { useState } from 'preact/hooks';
import { ApiClient, ApiError } from '../api/client.js';
import { describeError } from '../i18n/errors.js';
import { useI18n } from '../i18n/i18n.js';
import { isWellFormedToken } from './token-store.js';

/**
 * The token is tried on the desk, which every staff role may read: a 401 means a wrong or
 * revoked token, a 403 a role (a publishing service's) that has no business here.
 */
export function SignIn({ onSignedIn, expired }: { readonly onSignedIn: (token: string) => void; readonly expired: boolean }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(expired ? t('errorUnauthorized') : undefined);
  const [checking, setChecking] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = token.trim();
    if (candidate === '') return setProblem(t('tokenEmpty'));
    if (!isWellFormedToken(candidate)) return setProblem(t('tokenMalformed'));
    setChecking(true);
    setProblem(undefined);
    try {
      await new ApiClient(candidate).json('/v1/desk?limit=1');
      onSignedIn(candidate);
    } catch (error) {
      setProblem(error instanceof ApiError && error.kind === 'forbidden' ? t('historyForbidden') : describeError(error, t));
    } finally {
      setChecking(false);
    }
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signInTitle')}</h1>
      <p>{t('signInIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label for="token">{t('tokenLabel')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? undefined : 'sign-in-problem'}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <button type="submit" disabled={checking}>
          {checking ? t('signingIn') : t('signIn')}
        </button>
      </form>
      {problem === undefined ? null : (
        <p id="sign-in-problem" class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
