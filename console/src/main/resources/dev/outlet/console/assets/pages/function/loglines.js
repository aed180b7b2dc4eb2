// Log lines: classification (START/END/REPORT/INIT/errors) and their DOM, with request-id links.
import { h } from '../../ui.js';

const ERROR = /\bERROR\b|Traceback|Task timed out|Runtime\.[A-Za-z]+|\[ERROR\]/;

/** log-start | log-end | log-report | log-init | log-error | log-plain */
export function classify(message) {
  const m = message || '';
  if (m.startsWith('START RequestId:')) return 'log-start';
  if (m.startsWith('END RequestId:')) return 'log-end';
  if (m.startsWith('REPORT RequestId:')) return 'log-report';
  if (m.startsWith('INIT_START') || m.startsWith('INIT_REPORT')) return 'log-init';
  if (ERROR.test(m)) return 'log-error';
  return 'log-plain';
}

/** The request id of a START/END/REPORT line, or null. */
export function requestIdOf(message) {
  const m = /^(?:START|END|REPORT) RequestId: ([0-9A-Za-z-]+)/.exec(message || '');
  return m ? m[1] : null;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
function clock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** One line element; onRequest(id) is called when its request id link is followed. */
export function lineEl(ev, onRequest) {
  const message = (ev.message || '').replace(/\n$/, '');
  const cls = classify(message);
  const id = requestIdOf(message);
  const text = h('span', { class: 'log-msg' });
  if (id && onRequest) {
    const at = message.indexOf(id);
    text.append(message.slice(0, at), h('a', { href: '#', 'data-test': 'log-request', class: 'log-request',
      title: 'Show this invocation alone', onclick: (e) => { e.preventDefault(); onRequest(id, ev); } }, id));
    appendRest(text, message.slice(at + id.length));
  } else {
    appendRest(text, message);
  }
  return h('div', { class: ['log-line', cls], 'data-test': 'log-line' },
    h('time', { class: 'ts', datetime: new Date(ev.timestamp || Date.now()).toISOString() }, clock(ev.timestamp || Date.now())),
    ' ', text);
}

// Highlights "Init Duration: N ms" in REPORT lines.
function appendRest(el, s) {
  const m = /Init Duration: [\d.]+ ms/.exec(s);
  if (!m) { el.append(s); return; }
  el.append(s.slice(0, m.index), h('mark', { class: 'log-init-duration', style: { background: 'rgba(198,160,246,.2)', color: '#c6a0f6' } }, m[0]), s.slice(m.index + m[0].length));
}
