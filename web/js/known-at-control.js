// The "as known at" control (system time): a datetime in the browser's time zone, sent as an
// ISO instant; "Adesso" goes back to the latest knowledge.
import { h } from './dom.js';
import { instantToLocalInput, localInputToInstant } from './format.js';

export function knownAtControl(asKnownAt, onPick) {
  const input = h('input', { id: 'as-known-at', type: 'datetime-local', step: 1, value: instantToLocalInput(asKnownAt) });
  return h(
    'form',
    {
      class: 'known-at',
      onsubmit: (e) => {
        e.preventDefault();
        onPick(localInputToInstant(input.value));
      },
    },
    h('label', { for: 'as-known-at' }, 'Come noto al', input),
    h('button', { type: 'submit' }, 'Applica'),
    asKnownAt ? h('button', { type: 'button', onclick: () => onPick(undefined) }, 'Adesso') : null,
  );
}
