// Logs tab: the last 15 minutes (FilterLogEvents), then a live tail (EventSource) with a filter
// pattern applied by the server; pause/resume, clear, auto-scroll, capped at 2,000 lines.
import { h, field, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { errorSlot, fail, clear, section, ep } from './common.js';
import { lineEl } from './loglines.js';

const CAP = 2000;
const HISTORY = 200;

export function render(container, ctx) {
  let alive = true;
  let source = null;
  let paused = false;
  let pending = []; // events received while paused or before the next frame
  let frame = 0;
  let stick = true;
  let seen = new Set(); // keys of lines already shown (history and live may overlap)
  let generation = 0;
  const group = `/aws/lambda/${ctx.name}`;

  const errors = errorSlot();
  const filter = h('input', { type: 'search', class: 'mono', style: { width: '100%' }, 'data-test': 'logs-filter', placeholder: 'Filter pattern, e.g. ERROR or "timed out" (Enter applies)',
    'aria-label': 'Filter pattern (CloudWatch syntax); Enter applies',
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); start(); } } });
  const pauseBtn = h('button', { type: 'button', 'data-test': 'logs-pause', 'aria-pressed': 'false', onclick: togglePause }, 'Pause');
  const clearBtn = h('button', { type: 'button', 'data-test': 'logs-clear', onclick: () => { tail.replaceChildren(); pending = []; } }, 'Clear');
  const status = h('span', { class: 'live-status muted', 'data-test': 'logs-status', 'aria-live': 'polite' }, 'Connecting\u2026');
  const tail = h('div', { class: 'log-tail mono', 'data-test': 'logs-tail', tabindex: '0', role: 'log', 'aria-label': 'Log lines',
    onscroll: () => { stick = tail.scrollTop + tail.clientHeight >= tail.scrollHeight - 24; } });
  const requestView = h('div', { class: 'log-request-view', 'data-test': 'logs-request-view', hidden: true });
  const hint = h('div', { hidden: true }, emptyState('No log lines in the last 15 minutes. Invoke the function to see its logs here live:',
    `aws lambda invoke --endpoint-url ${ep(ctx)} --function-name ${ctx.name} --log-type Tail out.json`));

  container.append(section('Logs', [h('div', { class: 'logs-filter-field', style: { flex: '1 1 18rem', minWidth: 0 } }, field('Filter pattern', filter)), pauseBtn, clearBtn, status],
    errors, requestView, hint, tail));

  const key = (ev) => `${ev.timestamp}\u0001${ev.logStreamName}\u0001${ev.message}`;

  function push(evs) {
    for (const ev of evs) {
      const k = key(ev);
      if (seen.has(k)) continue;
      seen.add(k);
      pending.push(ev);
    }
    if (seen.size > CAP * 4) seen = new Set([...seen].slice(-CAP * 2));
    if (pending.length > CAP) pending = pending.slice(-CAP);
    if (!paused && !frame) frame = requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    if (paused || !pending.length) return;
    hint.hidden = true;
    const frag = document.createDocumentFragment();
    for (const ev of pending) frag.append(lineEl(ev, showRequest));
    pending = [];
    tail.append(frag);
    let extra = tail.childElementCount - CAP;
    while (extra-- > 0) tail.firstElementChild.remove();
    if (stick) tail.scrollTop = tail.scrollHeight;
  }

  function togglePause() {
    paused = !paused;
    pauseBtn.textContent = paused ? 'Resume' : 'Pause';
    pauseBtn.setAttribute('aria-pressed', String(paused));
    setStatus();
    if (!paused) flush();
  }

  function setStatus(text) {
    const live = source && source.readyState === EventSource.OPEN;
    tail.dataset.state = live ? 'open' : 'connecting'; // tests wait for 'open'
    if (text) { status.textContent = text; return; }
    status.textContent = paused ? `Paused (${pending.length} new)` : live ? 'Live' : 'Connecting\u2026';
  }

  /** FilterLogEvents over [start, end], following nextToken; keeps the last `keep` events. */
  async function history(params, keep) {
    let out = [];
    let token = null;
    for (let i = 0; i < 25; i++) {
      const r = await api.json('logs', 'FilterLogEvents', { logGroupName: group, ...params, ...(token ? { nextToken: token } : {}) });
      out = out.concat((r && r.events) || []);
      if (out.length > keep) out = out.slice(-keep);
      token = r && r.nextToken;
      if (!token) break;
    }
    return out;
  }

  async function start() {
    const gen = ++generation;
    if (source) { source.close(); source = null; }
    clear(errors);
    tail.replaceChildren();
    pending = [];
    seen = new Set();
    stick = true;
    hint.hidden = true;
    const pattern = filter.value.trim();
    setStatus('Loading the last 15 minutes\u2026');
    try {
      const now = Date.now();
      const evs = await history({ startTime: now - 15 * 60000, endTime: now + 1000, limit: HISTORY, ...(pattern ? { filterPattern: pattern } : {}) }, HISTORY);
      if (!alive || gen !== generation) return;
      push(evs.sort((a, b) => a.timestamp - b.timestamp));
      hint.hidden = evs.length > 0 || !!pattern;
    } catch (e) {
      if (!alive || gen !== generation) return;
      if (e.code !== 'ResourceNotFoundException') { fail(errors, e); setStatus('Stopped'); return; } // e.g. a bad pattern
      hint.hidden = false; // no log group yet: the function never ran
    }
    connect(pattern, gen);
  }

  function connect(pattern, gen) {
    const es = new EventSource(api.tailUrl(ctx.name, pattern));
    source = es;
    es.onopen = () => { if (gen === generation) setStatus(); };
    es.onmessage = (m) => {
      if (gen !== generation) return;
      try { push([JSON.parse(m.data)]); } catch { /* not an event */ }
      if (paused) setStatus();
    };
    es.onerror = () => {
      if (gen !== generation) return;
      if (es.readyState === EventSource.CLOSED) {
        setStatus('Disconnected');
        status.append(' ', h('button', { type: 'button', class: 'small', onclick: () => connect(pattern, gen) }, 'Reconnect'));
      } else setStatus('Reconnecting\u2026');
    };
  }

  // One invocation alone: find its START/END/REPORT by request id, then every line of its log
  // stream between START and REPORT (print() lines carry no request id).
  async function showRequest(id, ev) {
    const close = h('button', { type: 'button', class: 'small', 'data-test': 'logs-request-close', onclick: () => { requestView.hidden = true; tail.focus(); } }, 'Close');
    const body = h('div', { class: 'log-tail log-tail-short mono' }, h('p', { class: 'muted' }, 'Loading\u2026'));
    requestView.replaceChildren(h('div', { class: 'toolbar' }, h('h3', {}, 'Invocation ', h('code', {}, id)), close), body);
    requestView.hidden = false;
    try {
      const around = ev && ev.timestamp ? ev.timestamp : Date.now();
      const marks = await history({ filterPattern: `"${id}"`, startTime: around - 3600e3, endTime: around + 3600e3 }, 1000);
      let lines = marks;
      const startEv = marks.find((m) => m.message.startsWith('START'));
      const endEv = [...marks].reverse().find((m) => m.message.startsWith('REPORT') || m.message.startsWith('END'));
      if (startEv && endEv && startEv.logStreamName === endEv.logStreamName) {
        const all = await history({ logStreamNames: [startEv.logStreamName], startTime: startEv.timestamp, endTime: endEv.timestamp + 1 }, 1000);
        if (all.length) lines = all;
      }
      if (!alive) return;
      const seenHere = new Set();
      body.replaceChildren(...lines.filter((e) => !seenHere.has(key(e)) && seenHere.add(key(e)))
        .sort((a, b) => a.timestamp - b.timestamp).map((e) => lineEl(e, null)));
      if (!lines.length) body.replaceChildren(h('p', { class: 'muted' }, 'No lines found for this request id.'));
    } catch (e) {
      if (alive) { body.replaceChildren(); fail(errors, e); }
    }
  }

  start();
  return () => {
    alive = false;
    generation++;
    if (source) source.close();
    if (frame) cancelAnimationFrame(frame);
  };
}
