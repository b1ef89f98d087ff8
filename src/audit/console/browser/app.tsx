import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/client.js';
import { type Capabilities, NO_CAPABILITIES, probeCapabilities } from './api/capabilities.js';
import { ArticlePage } from './article/ArticlePage.js';
import { FindView } from './find/FindView.js';
import { I18nContext, initialLanguage, type Language, LANGUAGES, rememberLanguage, translator } from './i18n/i18n.js';
import { parseRoute, type Route } from './router.js';
import { forgetToken, storedToken, storeToken } from './session/token-store.js';
import { SignIn } from './session/SignIn.js';

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [token, setToken] = useState<string | undefined>(storedToken);
  const [expired, setExpired] = useState(false);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [capabilities, setCapabilities] = useState<Capabilities>(NO_CAPABILITIES);
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);

  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${i18n.t('appTitle')} · ${i18n.t('appSubtitle')}`;
    rememberLanguage(language);
  }, [language, i18n]);

  const signOut = useCallback((becauseExpired: boolean) => {
    forgetToken();
    setToken(undefined);
    setExpired(becauseExpired);
  }, []);
  // A 401 anywhere means the token no longer works: back to the sign-in form, saying why.
  const api = useMemo(() => (token === undefined ? undefined : new ApiClient(token, () => signOut(true))), [token, signOut]);
  useEffect(() => {
    if (api !== undefined) void probeCapabilities(api).then(setCapabilities);
  }, [api]);

  const signIn = (accepted: string) => {
    storeToken(accepted);
    setExpired(false);
    setToken(accepted);
  };

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip-link" href="#main">
        {i18n.t('skipToContent')}
      </a>
      <header class="topbar">
        <p class="brand">
          <a href="#/">
            <span class="brand-name">{i18n.t('appSubtitle')}</span> {i18n.t('appTitle')}
          </a>
        </p>
        <div class="topbar-actions">
          <div class="language-switch" role="group" aria-label={i18n.t('language')}>
            {LANGUAGES.map((option) => (
              <button key={option} type="button" lang={option} aria-pressed={option === language} onClick={() => setLanguage(option)}>
                {option === 'id' ? 'Bahasa Indonesia' : 'English'}
              </button>
            ))}
          </div>
          {api === undefined ? null : (
            <button type="button" class="sign-out" onClick={() => signOut(false)}>
              {i18n.t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {api === undefined ? (
          <SignIn onSignedIn={signIn} expired={expired} />
        ) : route.view === 'find' ? (
          <FindView api={api} capabilities={capabilities} />
        ) : (
          <ArticlePage api={api} route={route} />
        )}
      </main>
    </I18nContext.Provider>
  );
}
