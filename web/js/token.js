// The session's bearer token. With ORGTRAIL_PUBLIC_READS=false every read needs one: the first
// 401 opens a dialog asking for it; it is kept in sessionStorage (this tab, until it closes) and
// sent on every request, including the live stream (live-feed.js reads it with fetch, since
// EventSource cannot send headers). "Esci" forgets it.
import { h } from './dom.js';

const KEY = 'orgtrail.token';
let pending = null;

export const currentToken = () => sessionStorage.getItem(KEY) ?? '';
export const authHeaders = () => (currentToken() ? { authorization: `Bearer ${currentToken()}` } : {});

export function forgetToken() {
  sessionStorage.removeItem(KEY);
}

/** Asks for a token (one dialog at a time); true once one is given, false if dismissed. */
export function onUnauthorized() {
  pending ??= askForToken().finally(() => {
    pending = null;
  });
  return pending;
}

function askForToken() {
  return new Promise((resolve) => {
    const wrong = Boolean(currentToken());
    const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
    const dialog = h(
      'dialog',
      { class: 'token-dialog', 'aria-labelledby': 'token-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'token-title' }, 'Accesso con token'),
        h('p', { id: 'token-help' }, wrong ? 'Il token indicato non è valido o è scaduto: inseriscine un altro.' : 'Questo servizio mostra i dati solo a chi ha un token di accesso. Il token resta in questa scheda finché non la chiudi.'),
        h('label', { for: 'token-input' }, 'Token', input),
        h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', value: 'ok' }, 'Accedi'), h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Annulla')),
      ),
    );
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'ok' && input.value.trim() !== '';
      if (ok) sessionStorage.setItem(KEY, input.value.trim());
      dialog.remove();
      resolve(ok);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
