// Test tab: an event (from a template or saved in localStorage), Invoke with the log tail, and
// the result: status, payload, REPORT figures and log.
import { h, mount, field, fmt } from '../../ui.js';
import * as api from '../../api.js';
import { fnPath, errorSlot, fail, clear, busy, section } from './common.js';
import { decodeBase64, parseReport, describeReport } from './report.js';

function storageKey(ctx) {
  return `outlet.testEvents.${(ctx.session && ctx.session.region) || 'us-east-1'}.${ctx.name}`;
}

function loadSaved(ctx) {
  try { return JSON.parse(localStorage.getItem(storageKey(ctx)) || '{}') || {}; } catch { return {}; }
}

function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

/** Where JSON.parse failed, as "line L, column C" when the engine tells the position. */
export function jsonError(text) {
  try { JSON.parse(text); return null; } catch (e) {
    const m = /position (\d+)/.exec(e.message);
    if (!m) return e.message;
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    const col = Number(m[1]) - before.lastIndexOf('\n');
    return `${e.message.replace(/\s*\(line \d+ column \d+\)/, '')} (line ${line}, column ${col})`;
  }
}

export function render(container, ctx) {
  let alive = true;
  let templates = [];
  const errors = errorSlot();
  const template = h('select', { 'data-test': 'test-template', onchange: useTemplate },
    h('option', { value: '' }, 'Loading templates\u2026'));
  const savedSelect = h('select', { 'data-test': 'test-event-select', onchange: useSaved });
  const name = h('input', { type: 'text', maxlength: 25, 'data-test': 'test-event-name', placeholder: 'my-event' });
  const body = h('textarea', { rows: 14, class: 'mono code-input', spellcheck: 'false', 'data-test': 'test-event-body',
    value: '{\n  "key1": "value1"\n}', oninput: () => { bodyError.textContent = ''; } });
  const bodyError = h('p', { class: 'field-error', style: { color: 'var(--danger)' }, 'data-test': 'test-body-error', role: 'alert' });
  const save = h('button', { type: 'button', 'data-test': 'test-event-save', onclick: saveEvent }, 'Save');
  const remove = h('button', { type: 'button', class: 'danger', 'data-test': 'test-event-delete', onclick: deleteEvent }, 'Delete');
  const invoke = h('button', { type: 'button', class: 'primary', 'data-test': 'test-invoke', onclick: run }, 'Test');
  const saveNote = h('span', { class: 'muted', 'aria-live': 'polite' });

  const result = h('div', { class: 'test-result-area', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Run a test to see the response, the REPORT figures and the log.'));

  container.append(h('div', { class: 'split' },
    section('Test event', null, errors,
      h('div', { class: 'form' },
        field('Template', template), field('Saved events', savedSelect), field('Event name', name),
        h('div', { class: 'field-wide' }, field('Event JSON', body), bodyError),
        h('div', { class: 'actions' }, invoke, save, remove, saveNote))),
    section('Execution result', null, result)));

  function fillSaved(selected = '') {
    const saved = loadSaved(ctx);
    const names = Object.keys(saved).sort();
    mount(savedSelect, h('option', { value: '' }, names.length ? '\u2014 choose \u2014' : 'No saved events'),
      names.map((n) => h('option', { value: n }, n)));
    savedSelect.value = names.includes(selected) ? selected : '';
    remove.disabled = !savedSelect.value;
  }

  function useTemplate() {
    const t = templates.find((x) => x.id === template.value);
    if (!t) return;
    body.value = JSON.stringify(t.event, null, 2);
    bodyError.textContent = '';
    if (!name.value) name.value = t.id.slice(0, 25);
  }

  function useSaved() {
    const saved = loadSaved(ctx);
    const n = savedSelect.value;
    remove.disabled = !n;
    if (!n || !(n in saved)) return;
    name.value = n;
    body.value = saved[n];
    bodyError.textContent = '';
  }

  function validate() {
    const err = jsonError(body.value);
    bodyError.textContent = err ? `Invalid JSON: ${err}` : '';
    if (err) body.focus();
    return !err;
  }

  function saveEvent() {
    clear(errors);
    const n = name.value.trim();
    if (!n) { fail(errors, new Error('Enter an event name to save it.')); name.focus(); return; }
    if (!validate()) return;
    const saved = loadSaved(ctx);
    saved[n] = body.value;
    localStorage.setItem(storageKey(ctx), JSON.stringify(saved));
    fillSaved(n);
    saveNote.textContent = `Saved \u201c${n}\u201d in this browser.`;
  }

  function deleteEvent() {
    const n = savedSelect.value;
    if (!n) return;
    const saved = loadSaved(ctx);
    delete saved[n];
    localStorage.setItem(storageKey(ctx), JSON.stringify(saved));
    fillSaved('');
    saveNote.textContent = `Deleted \u201c${n}\u201d.`;
  }

  async function run() {
    clear(errors);
    if (!validate()) return;
    await busy(invoke, async () => {
      const t0 = performance.now();
      try {
        const r = await api.lambdaRaw('POST', fnPath(ctx.name, '/invocations'), body.value,
          { 'X-Amz-Log-Type': 'Tail', 'Content-Type': 'application/json' });
        if (alive) showResult(r, performance.now() - t0);
      } catch (e) {
        if (alive) fail(errors, e);
      }
    });
  }

  function showResult(r, elapsed) {
    const fnError = r.headers.get('X-Amz-Function-Error');
    const log = decodeBase64(r.headers.get('X-Amz-Log-Result') || '');
    const rep = parseReport(log);
    const requestId = r.headers.get('x-amzn-RequestId') || (rep && rep.requestId) || '';
    const ok = !fnError;
    const report = h('p', { class: 'test-report', 'data-test': 'test-report',
      'data-duration': rep?.duration ?? '', 'data-billed': rep?.billed ?? '',
      'data-memory-size': rep?.memorySize ?? '', 'data-max-memory': rep?.maxMemory ?? '',
      'data-init': rep?.init ?? '' }, describeReport(rep));
    result.replaceChildren(
      h('div', { class: ['test-summary', ok ? 'ok' : 'bad'] },
        h('strong', { 'data-test': 'test-status', class: ok ? 'ok' : 'failed' }, ok ? 'Succeeded' : 'Failed'),
        fnError ? h('span', {}, ` (${fnError})`) : null,
        h('span', { class: 'muted' }, ` \u00b7 round trip ${fmt.ms(elapsed)} \u00b7 request id `),
        h('code', { class: 'mono', 'data-test': 'test-request-id' }, requestId)),
      report,
      h('h3', {}, 'Response'),
      h('pre', { class: 'mono output', 'data-test': 'test-result' }, pretty(r.text)),
      h('h3', {}, 'Log output (last 4 KB)'),
      h('pre', { class: 'mono output log-output', 'data-test': 'test-log' }, log));
  }

  fillSaved('');
  api.consoleGet('/event-templates').then((r) => {
    if (!alive) return;
    templates = (r && r.templates) || [];
    mount(template, h('option', { value: '' }, templates.length ? '\u2014 start from a template \u2014' : 'No templates'),
      templates.map((t) => h('option', { value: t.id }, t.name)));
  }).catch((e) => {
    if (!alive) return;
    template.replaceChildren(h('option', { value: '' }, 'Templates unavailable'));
    fail(errors, e);
  });

  return () => { alive = false; };
}
