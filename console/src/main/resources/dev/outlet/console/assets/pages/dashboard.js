// Dashboard (#/): account-wide metrics from GET /summary?minutes=N, updated in place every 5 s.
import * as api from '../api.js';
import { h, table, update, showError, clearErrors, emptyState, fmt, windowSelect, clock, every } from '../ui.js';
import { lineChart, updateChart } from '../charts.js';

const STORE = 'outlet.dashboard.minutes';

const TILES = [
  ['invocations', 'Invocations', (t) => fmt.number(t.invocations)],
  ['errors', 'Errors', (t) => fmt.number(t.errors), (t) => t.errors > 0],
  ['throttles', 'Throttles', (t) => fmt.number(t.throttles), (t) => t.throttles > 0],
  ['p50', 'Duration p50', (t) => fmt.ms(t.durationP50)],
  ['p99', 'Duration p99', (t) => fmt.ms(t.durationP99)],
  ['cold-share', 'Cold starts', (t) => {
    const n = (t.coldStarts || 0) + (t.warmStarts || 0);
    return n ? `${fmt.percent(t.coldStarts / n)}` : '\u2014';
  }],
  ['concurrency', 'Max concurrency', (t) => fmt.number(t.maxConcurrency)],
  ['cost', 'Estimated cost', (t) => fmt.usd(t.estimatedCost)],
];

// [test id, title, unit, series: [[summary series key, name, color?]], format?]
const CHARTS = [
  ['invocations', 'Invocations', 'count', [['invocations', 'Invocations']]],
  ['errors', 'Errors', 'count', [['errors', 'Errors', '#dc2626']]],
  ['throttles', 'Throttles', 'count', [['throttles', 'Throttles', '#d97706']]],
  ['duration', 'Duration', 'ms', [['durationP50', 'p50'], ['durationP99', 'p99', '#7c3aed']]],
  ['cold-warm', 'Cold vs warm starts', 'count', [['coldStarts', 'Cold', '#0891b2'], ['warmStarts', 'Warm', '#059669']]],
  ['concurrency', 'Concurrency', 'max', [['concurrency', 'Concurrency', '#4b5563']]],
  ['cost', 'Estimated cost', 'USD', [['estimatedCost', 'Cost', '#db2777']], (v) => fmt.usd(v)],
];

const fnLink = (r) => h('a', { href: `#/functions/${encodeURIComponent(r.name)}` }, r.name);

export async function render(main) {
  let minutes = Number(localStorage.getItem(STORE)) || 60;
  let inflight = false;
  let gen = 0;
  const s = await api.session();
  const status = h('span', { class: 'live', 'aria-live': 'off' }, 'Loading\u2026');
  const errHost = h('div', { class: 'errors' });
  const tileEls = {};
  const tiles = h('div', { class: 'tiles' }, TILES.map(([id, label]) => {
    tileEls[id] = h('div', { class: 'tile-value' }, '\u2014');
    return h('div', { class: 'tile', 'data-test': `tile-${id}` }, h('div', { class: 'tile-label' }, label), tileEls[id]);
  }));
  const charts = {};
  const chartGrid = h('div', { class: 'charts' }, CHARTS.map(([id, title, unit, , format]) => {
    charts[id] = lineChart({ test: `chart-${id}`, title, unit, series: [], format });
    return charts[id];
  }));
  const busiest = table({
    test: 'busiest-functions', rowTest: 'busiest-row', rowAttrs: (r) => ({ 'data-name': r.name }),
    sortKey: 'invocations', sortDir: 'descending', emptyState: 'No invocations in this window.',
    columns: [
      { key: 'name', label: 'Function', render: fnLink, width: '40%' },
      { key: 'invocations', label: 'Invocations', align: 'right', render: (r) => fmt.number(r.invocations) },
      { key: 'durationAverage', label: 'Avg duration', align: 'right', render: (r) => fmt.ms(r.durationAverage) },
      { key: 'estimatedCost', label: 'Cost', align: 'right', render: (r) => fmt.usd(r.estimatedCost) },
    ],
  });
  const failing = table({
    test: 'failing-functions', rowTest: 'failing-row', rowAttrs: (r) => ({ 'data-name': r.name }),
    sortKey: 'errors', sortDir: 'descending', emptyState: 'No errors or throttles in this window.',
    columns: [
      { key: 'name', label: 'Function', render: fnLink, width: '40%' },
      { key: 'errors', label: 'Errors', align: 'right', render: (r) => fmt.number(r.errors) },
      { key: 'throttles', label: 'Throttles', align: 'right', render: (r) => fmt.number(r.throttles) },
      { key: 'rate', label: 'Error rate', align: 'right', render: (r) => fmt.percent(r.rate) },
    ],
  });
  const hint = h('div', { hidden: true }, emptyState(
    'No invocations in this window. Invoke a function to see its metrics here:',
    `aws lambda invoke --endpoint-url ${s.endpoint} --function-name my-function out.json`));

  const root = h('div', { 'data-test': 'dashboard' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'), h('span', { class: 'spacer' }),
      windowSelect({ value: minutes, onchange: (m) => { minutes = m; localStorage.setItem(STORE, String(m)); load(true); } }),
      status),
    errHost, hint, tiles, chartGrid,
    h('div', { class: 'split' },
      h('section', {}, h('h2', {}, 'Busiest functions'), busiest),
      h('section', {}, h('h2', {}, 'Failing functions'), failing)));
  main.replaceChildren(root);

  async function load(force = false) {
    if (inflight && !force) return;
    inflight = true;
    const my = ++gen;
    try {
      const sum = await api.consoleGet(`/summary?minutes=${minutes}`);
      if (my !== gen) return;
      clearErrors(errHost);
      paint(sum);
      status.textContent = `Live \u00b7 updated ${clock()}`;
    } catch (e) {
      if (my !== gen) return;
      showError(e, errHost);
      status.textContent = 'Update failed';
    } finally {
      if (my === gen) inflight = false;
    }
  }

  function paint(sum) {
    const t = sum.totals || {};
    for (const [id, , val, bad] of TILES) {
      tileEls[id].textContent = val(t);
      tileEls[id].parentElement.classList.toggle('bad', !!(bad && bad(t)));
    }
    const series = sum.series || {};
    for (const [id, , , defs] of CHARTS) {
      updateChart(charts[id], defs.map(([key, name, color]) => ({ name, color, points: series[key] || [] })),
        { start: sum.start, end: sum.end });
    }
    const fns = sum.functions || [];
    update(busiest, fns.filter((f) => f.invocations > 0).sort((a, b) => b.invocations - a.invocations).slice(0, 10));
    update(failing, fns.filter((f) => f.errors > 0 || f.throttles > 0)
      .map((f) => ({ ...f, rate: f.invocations ? f.errors / f.invocations : null }))
      .sort((a, b) => b.errors - a.errors || b.throttles - a.throttles).slice(0, 10));
    hint.hidden = (t.invocations || 0) + (t.throttles || 0) > 0;
  }

  load();
  const stop = every(5000, () => load());
  return () => { stop(); gen++; };
}
