// Small DOM helpers shared by every page: elements, sortable/filterable tables, errors,
// empty states, dialogs, tabs and formatters. No framework: plain DOM.

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate', 'multiple']);

/** Creates an element. attrs: class, data-test, on<event> handlers, style (string or object),
 *  value/checked/... (set as properties), any other attribute (null/false/undefined skipped,
 *  true → empty attribute). Children: nodes, strings, numbers, arrays; null/false skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'class' || k === 'className') {
      el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    } else if (k === 'style' && typeof v === 'object') {
      Object.assign(el.style, v);
    } else if (PROPS.has(k)) {
      el[k] = v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (same rules as h) to el; returns el. */
export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === true) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces el's content with children; returns el. */
export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// ---------------------------------------------------------------- tables

const tables = new WeakMap(); // wrapper or <table> → state

/** A table with sortable headers (buttons, aria-sort) and an optional filter input.
 *  columns: [{key, label, render?(row), sort?(row), align?: 'right'|'left', width?}]
 *  test: data-test of the <table>; rowTest: data-test of each <tr>; rowAttrs(row) → attributes;
 *  filterable: data-test of the filter input (true → 'table-filter'); emptyState: a node or
 *  string shown when there are no rows. Returns a wrapper element; pass it to update(). */
export function table({ columns, rows = [], test, rowTest, rowAttrs, filterable, emptyState: empty,
  sortKey = null, sortDir = 'ascending', caption } = {}) {
  const state = { columns, rows, rowTest, rowAttrs, sortKey, sortDir, filter: '', cache: new WeakMap(), empty };
  const ths = columns.map((c) => {
    const btn = h('button', { type: 'button', class: 'sort', onclick: () => sortBy(state, c.key) }, c.label,
      h('span', { class: 'sort-ind', 'aria-hidden': 'true' }));
    return h('th', { scope: 'col', class: c.align === 'right' ? 'num' : null, 'data-key': c.key,
      style: c.width ? { width: c.width } : null }, btn);
  });
  state.ths = ths;
  state.tbody = h('tbody');
  state.table = h('table', { class: 'data', 'data-test': test }, caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ths)), state.tbody);
  state.emptyEl = h('div', { class: 'table-empty', hidden: true });
  state.countEl = h('span', { class: 'table-count muted', 'aria-live': 'polite' });
  let filterBar = null;
  if (filterable) {
    const input = h('input', { type: 'search', class: 'filter', placeholder: 'Filter',
      'aria-label': 'Filter rows', 'data-test': filterable === true ? 'table-filter' : filterable,
      oninput: (e) => { state.filter = e.target.value.trim().toLowerCase(); render(state); } });
    state.filterInput = input;
    filterBar = h('div', { class: 'table-bar' }, input, state.countEl);
  }
  const wrap = h('div', { class: 'table-wrap' }, filterBar, h('div', { class: 'table-scroll' }, state.table), state.emptyEl);
  tables.set(wrap, state);
  tables.set(state.table, state);
  render(state);
  return wrap;
}

/** Replaces the rows of a table made by table() (the wrapper or its <table>); keeps sort and
 *  filter. Row objects passed again unchanged (same object) reuse their rendered <tr>. */
export function update(tableEl, rows) {
  const state = tables.get(tableEl) || tables.get(tableEl?.querySelector?.('table'));
  if (!state) throw new Error('update(): not a ui.table');
  state.rows = rows || [];
  render(state);
}

function sortBy(state, key) {
  if (state.sortKey === key) state.sortDir = state.sortDir === 'ascending' ? 'descending' : 'ascending';
  else { state.sortKey = key; state.sortDir = 'ascending'; }
  render(state);
}

function valueOf(col, row) {
  if (col.sort) return col.sort(row);
  return row[col.key];
}

// one collator for every comparison (a new one per call made sorting 1,000 rows take seconds)
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a, b) {
  const na = a === null || a === undefined || a === '';
  const nb = b === null || b === undefined || b === '';
  if (na || nb) return na === nb ? 0 : na ? 1 : -1; // blanks last
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

function filterText(state, row) {
  return state.columns.map((c) => {
    const v = valueOf(c, row);
    return v === null || v === undefined ? '' : String(v);
  }).join('\u0001').toLowerCase();
}

function render(state) {
  const { columns } = state;
  state.ths.forEach((th, i) => {
    const k = columns[i].key;
    if (k === state.sortKey) th.setAttribute('aria-sort', state.sortDir);
    else th.removeAttribute('aria-sort');
  });
  let rows = state.rows;
  if (state.filter) rows = rows.filter((r) => filterText(state, r).includes(state.filter));
  if (state.sortKey !== null) {
    const col = columns.find((c) => c.key === state.sortKey);
    if (col) {
      const dir = state.sortDir === 'descending' ? -1 : 1;
      rows = rows.map((r, i) => [valueOf(col, r), i, r])
        .sort((x, y) => compare(x[0], y[0]) * dir || x[1] - y[1]).map((x) => x[2]);
    }
  }
  const trs = rows.map((r) => state.cache.get(r) || rowEl(state, r));
  state.tbody.replaceChildren(...trs);
  if (state.countEl) {
    state.countEl.textContent = state.filter ? `${rows.length} of ${state.rows.length}` : `${state.rows.length}`;
  }
  const none = rows.length === 0;
  state.emptyEl.hidden = !none;
  if (none) {
    mount(state.emptyEl, state.rows.length && state.filter ? h('p', { class: 'muted' }, 'No rows match the filter.')
      : typeof state.empty === 'string' ? h('p', { class: 'muted' }, state.empty) : (state.empty || h('p', { class: 'muted' }, 'Nothing here yet.')));
  }
}

function rowEl(state, row) {
  const attrs = { 'data-test': state.rowTest, ...(state.rowAttrs ? state.rowAttrs(row) : {}) };
  const tr = h('tr', attrs, state.columns.map((c) => {
    const content = c.render ? c.render(row) : row[c.key];
    return h('td', { class: c.align === 'right' ? 'num' : null }, content ?? '');
  }));
  if (typeof row === 'object' && row) state.cache.set(row, tr);
  return tr;
}

// ---------------------------------------------------------------- errors, empty states

/** Shows err (an ApiError or Error) as data-test="error" whose text is err.message. where: a
 *  container (its previous error is replaced); default: the page's #errors region. Returns the box. */
export function showError(err, where) {
  const host = where || document.getElementById('errors') || document.body;
  const message = (err && (err.message || String(err))) || 'Unknown error';
  // A 401 means the session is gone: the shell (app.js) shows the sign-in page.
  if (err && err.status === 401) window.dispatchEvent(new CustomEvent('outlet:unauthorized', { detail: err }));
  for (const old of host.querySelectorAll(':scope > .error-box')) old.remove();
  const box = h('div', { class: 'error-box', role: 'alert' },
    err && err.code ? h('strong', { class: 'error-code' }, err.code) : null,
    h('span', { 'data-test': 'error', class: 'error-msg' }, message),
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Dismiss', onclick: () => box.remove() }, '\u00d7'));
  host.prepend(box);
  return box;
}

/** Removes the error boxes in where (default #errors). */
export function clearErrors(where) {
  const host = where || document.getElementById('errors');
  if (host) for (const old of host.querySelectorAll(':scope > .error-box')) old.remove();
}

/** A box telling what to do next, with the AWS CLI command to copy. */
export function emptyState(text, cliCommand) {
  return h('div', { class: 'empty-state', 'data-test': 'empty-state' },
    h('p', {}, text),
    cliCommand ? h('div', { class: 'cli' }, h('pre', {}, h('code', {}, cliCommand)), copyButton(cliCommand)) : null);
}

/** A button copying text to the clipboard. */
export function copyButton(text, label = 'Copy') {
  const b = h('button', { type: 'button', class: 'small', onclick: async () => {
    try { await navigator.clipboard.writeText(typeof text === 'function' ? text() : text); b.textContent = 'Copied'; }
    catch { b.textContent = 'Copy failed'; }
    setTimeout(() => { b.textContent = label; }, 1500);
  } }, label);
  return b;
}

// ---------------------------------------------------------------- dialog

/** A modal <dialog>. body: node(s) or string; actions: [{label, test?, kind?: 'primary'|'danger',
 *  onclick?(ctx)}]. An action without onclick closes; with one it runs (buttons disabled while
 *  its promise runs); it closes unless it returns false; a thrown error is shown in the dialog.
 *  Esc / Cancel closes. Returns {close(), el}. */
export function dialog({ title, body, actions = [{ label: 'Close' }], onclose } = {}) {
  const errors = h('div', { class: 'dialog-errors' });
  const buttons = actions.map((a) => h('button', {
    type: 'button', 'data-test': a.test, class: a.kind || null,
    onclick: async () => {
      if (!a.onclick) return close();
      buttons.forEach((b) => { b.disabled = true; });
      try {
        const r = await a.onclick(ctl);
        if (r !== false) close();
      } catch (e) {
        showError(e, errors);
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    },
  }, a.label));
  const el = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
    h('h2', { id: 'dlg-title' }, title || ''),
    h('div', { class: 'dialog-body' }, body),
    errors,
    h('div', { class: 'dialog-actions' }, buttons));
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    if (el.open) el.close();
    el.remove();
    if (onclose) onclose();
  }
  el.addEventListener('close', close);
  const ctl = { close, el, errors };
  document.body.append(el);
  if (el.showModal) el.showModal(); else el.setAttribute('open', '');
  return ctl;
}

// ---------------------------------------------------------------- tabs

/** A tab bar of links: items [{id, label}], the active id, hrefOf(id) → href. */
export function tabs(items, active, hrefOf) {
  return h('nav', { class: 'tabs', 'aria-label': 'Tabs' },
    items.map((t) => h('a', {
      href: hrefOf(t.id), 'data-test': `tab-${t.id}`, class: t.id === active ? 'tab active' : 'tab',
      'aria-current': t.id === active ? 'page' : null,
    }, t.label)));
}

// ---------------------------------------------------------------- formatters

const DASH = '\u2014';
const blank = (n) => n === null || n === undefined || (typeof n === 'number' && Number.isNaN(n));
const nf = new Intl.NumberFormat('en-US');
const nf2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function toDate(v) {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  // Lambda's LastModified: 2024-01-01T00:00:00.000+0000
  return new Date(String(v).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}
const pad = (n) => String(n).padStart(2, '0');

export const fmt = {
  /** 1234567 → "1,234,567" (fractions to 2 places). */
  number(n) { return blank(n) ? DASH : (Number.isInteger(n) ? nf : nf2).format(n); },
  /** 0.42 → "0.42 ms", 1234 → "1.23 s", 90000 → "1.5 min". */
  ms(n) {
    if (blank(n)) return DASH;
    if (n < 10) return `${+n.toFixed(2)} ms`;
    if (n < 1000) return `${+n.toFixed(1)} ms`;
    if (n < 60000) return `${+(n / 1000).toFixed(2)} s`;
    return `${+(n / 60000).toFixed(1)} min`;
  },
  /** 1536 → "1.5 KB". */
  bytes(n) {
    if (blank(n)) return DASH;
    const u = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0; let v = n;
    while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return `${i === 0 ? v : +v.toFixed(v < 10 ? 2 : 1)} ${u[i]}`;
  },
  /** 128 → "128 MB". */
  mb(n) { return blank(n) ? DASH : `${nf2.format(n)} MB`; },
  /** a ms timestamp or ISO string → "2024-01-31 13:45:02" (local time). */
  date(v) {
    if (blank(v) || v === '') return DASH;
    const d = toDate(v);
    if (Number.isNaN(d.getTime())) return String(v);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  },
  /** a ms timestamp (or ISO) → "5 min ago"; a small number (< 1e11) is read as a duration → "5 min". */
  ago(v) {
    if (blank(v) || v === '') return DASH;
    const isDuration = typeof v === 'number' && v < 1e11;
    const d = isDuration ? v : Date.now() - toDate(v).getTime();
    if (Number.isNaN(d)) return String(v);
    const s = Math.max(0, Math.round(d / 1000));
    let t;
    if (s < 60) t = `${s} s`;
    else if (s < 3600) t = `${Math.floor(s / 60)} min`;
    else if (s < 86400) t = `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
    else t = `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
    return isDuration ? t : `${t} ago`;
  },
  /** 0.0000021 → "$0.0000021", 12.3 → "$12.30". */
  usd(n) {
    if (blank(n)) return DASH;
    if (n === 0) return '$0.00';
    if (Math.abs(n) >= 0.01) return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    return `$${Number(n.toPrecision(2)).toFixed(Math.min(20, 1 - Math.floor(Math.log10(Math.abs(n)))))}`;
  },
  /** a fraction → "12.3%". */
  percent(x) {
    if (blank(x)) return DASH;
    const p = x * 100;
    return `${p === 0 || p === 100 ? p : +p.toFixed(p < 10 ? 2 : 1)}%`;
  },
};

// ---------------------------------------------------------------- misc

/** A labelled form field: label text, the control, optional hint. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

/** A placeholder shown while data loads (reserves its space). */
export function loading(text = 'Loading\u2026') {
  return h('p', { class: 'loading muted', 'aria-busy': 'true' }, text);
}

/** Calls fn every ms while the page is visible; returns stop(). */
export function every(ms, fn) {
  let timer = setInterval(() => { if (!document.hidden) fn(); }, ms);
  return () => { if (timer) clearInterval(timer); timer = null; };
}

/** Reads a File as base64 (no data: prefix). */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => { const s = String(r.result); resolve(s.slice(s.indexOf(',') + 1)); };
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** The metric windows (minutes, label) of the dashboard and monitor. */
export const WINDOWS = [[15, '15m'], [60, '1h'], [180, '3h'], [720, '12h'], [1440, '1d'], [4320, '3d'], [10080, '7d'], [21600, '15d']];

/** A labelled <select> of WINDOWS; onchange(minutes). */
export function windowSelect({ value = 60, onchange, test = 'window-select', label = 'Window' } = {}) {
  const sel = h('select', { 'data-test': test, 'aria-label': label, onchange: (e) => onchange && onchange(Number(e.target.value)) },
    WINDOWS.map(([m, l]) => h('option', { value: String(m), selected: m === value }, l)));
  return h('label', { class: 'window-select' }, h('span', { class: 'muted' }, label), sel);
}

/** Time of day "13:45:02" for "updated at" labels. */
export function clock(d = new Date()) {
  return d.toTimeString().slice(0, 8);
}
