// Helpers shared by the function page's tabs.
import { h, showError, clearErrors } from '../../ui.js';
import * as api from '../../api.js';

export const enc = encodeURIComponent;

/** The Lambda REST path of a function: /2015-03-31/functions/NAME[suffix]. */
export function fnPath(name, suffix = '') {
  return `/2015-03-31/functions/${enc(name)}${suffix}`;
}

/** A region for error boxes (kept at the top of a section). */
export function errorSlot() {
  return h('div', { class: 'errors', 'aria-live': 'polite' });
}

/** Shows err's message (the API's, verbatim) in slot. */
export function fail(slot, err) {
  if (err && err.name === 'AbortError') return;
  showError(err, slot);
}

export function clear(slot) {
  clearErrors(slot);
}

/** A section with a heading and optional toolbar items. */
export function section(title, tools, ...children) {
  return h('section', { class: 'card' },
    h('div', { class: 'toolbar section-head' }, h('h2', { style: { margin: 0 } }, title), h('span', { class: 'spacer' }), tools),
    children);
}

/** Runs fn with button disabled (and busy) meanwhile; returns fn's result. */
export async function busy(button, fn) {
  const was = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = was;
    button.removeAttribute('aria-busy');
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls GetFunctionConfiguration until LastUpdateStatus is no longer InProgress (and State is
 * not Pending); returns the configuration. A Failed update throws its reason.
 */
export async function waitUntilUpdated(name, { timeoutMs = 60000, isAlive = () => true } = {}) {
  const until = Date.now() + timeoutMs;
  for (let wait = 250; ; wait = Math.min(wait * 1.5, 2000)) {
    const c = await api.lambda('GET', fnPath(name, '/configuration'));
    const pending = c.LastUpdateStatus === 'InProgress' || c.State === 'Pending';
    if (!pending) {
      if (c.LastUpdateStatus === 'Failed') {
        throw new Error(c.LastUpdateStatusReason || 'The update failed.');
      }
      return c;
    }
    if (Date.now() > until || !isAlive()) throw new Error('Timed out waiting for the update to finish.');
    await sleep(wait);
  }
}

/** Follows a Lambda list's NextMarker: list(marker) → {items, next}. */
export async function allPages(fetchPage, max = 20) {
  const out = [];
  let marker = null;
  for (let i = 0; i < max; i++) {
    const { items, next } = await fetchPage(marker);
    out.push(...(items || []));
    if (!next) break;
    marker = next;
  }
  return out;
}

/** The session's endpoint for CLI hints. */
export async function endpoint() {
  try {
    return (await api.session()).endpoint || location.origin;
  } catch {
    return location.origin;
  }
}

/** The endpoint for CLI hints, from the page's session. */
export function ep(ctx) {
  return (ctx && ctx.session && ctx.session.endpoint) || location.origin;
}

/** A compact duration: 950 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '\u2014';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A state badge (Active, Pending, Failed, Successful, IDLE, BUSY...). */
export function badge(text) {
  const t = String(text || '\u2014');
  const kind = /fail|error|inactive/i.test(t) ? 'err'
    : /pending|progress|starting|busy|creating|updating/i.test(t) ? 'warn'
      : /active|success|idle|enabled/i.test(t) ? 'ok' : '';
  return h('span', { class: ['badge', kind] }, t);
}
