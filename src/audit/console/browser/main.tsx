import { render } from 'preact';
import { App } from './app.js';
import { initialLanguage, translator } from './i18n/i18n.js';
import { describeError } from './i18n/errors.js';

const root = document.getElementById('app');
if (root === null) throw new Error('The page has no #app element');

/**
 * A failure no view caught still ends in words on the page, never a blank one. Rendered
 * with plain DOM calls: whatever broke may have been the rendering itself.
 */
function showFatal(error: unknown): void {
  const t = translator(initialLanguage());
  let banner = document.getElementById('fatal-error');
  if (banner === null) {
    banner = document.createElement('div');
    banner.id = 'fatal-error';
    banner.className = 'notice notice-error fatal';
    banner.setAttribute('role', 'alert');
    document.body.prepend(banner);
  }
  banner.textContent = describeError(error, t);
}
addEventListener('error', (event) => showFatal(event.error ?? event.message));
addEventListener('unhandledrejection', (event) => showFatal(event.reason));

try {
  root.textContent = '';
  render(<App />, root);
} catch (error) {
  showFatal(error);
}
