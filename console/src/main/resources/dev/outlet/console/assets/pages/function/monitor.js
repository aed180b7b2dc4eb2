// Monitor tab: the function's metrics from /summary, live every 5 s, charts updated in place.
import { h, field, fmt, every } from '../../ui.js';
import { lineChart, updateChart } from '../../charts.js';
import * as api from '../../api.js';
import { enc, errorSlot, fail, clear, section } from './common.js';

const WINDOWS = [[15, '15 minutes'], [60, '1 hour'], [180, '3 hours'], [720, '12 hours'],
  [1440, '1 day'], [4320, '3 days'], [10080, '7 days'], [21600, '15 days']];

let lastWindow = 60; // kept between visits

const CHARTS = [
  { test: 'chart-invocations', title: 'Invocations', unit: 'count', series: (s) => [['Invocations', s.invocations]] },
  { test: 'chart-errors', title: 'Errors', unit: 'count', series: (s) => [['Errors', s.errors, '#dc2626']] },
  { test: 'chart-throttles', title: 'Throttles', unit: 'count', series: (s) => [['Throttles', s.throttles, '#d97706']] },
  { test: 'chart-duration', title: 'Duration', unit: 'ms', series: (s) => [['p50', s.durationP50], ['p99', s.durationP99, '#7c3aed']] },
  { test: 'chart-init-duration', title: 'Init duration (p50)', unit: 'ms', series: (s) => [['Init p50', s.initDurationP50, '#0891b2']] },
  { test: 'chart-cold-warm', title: 'Cold vs warm starts', unit: 'count', series: (s) => [['Cold', s.coldStarts, '#0891b2'], ['Warm', s.warmStarts, '#059669']] },
  { test: 'chart-memory', title: 'Max memory used', unit: 'MB', series: (s, d, mem) => [['Max used', s.maxMemoryUsedMb, '#db2777'],
    ['Limit', mem ? [[d.start, mem], [d.end, mem]] : [], '#4b5563']] },
  { test: 'chart-concurrency', title: 'Concurrent executions', unit: 'max', series: (s) => [['Concurrency', s.concurrency, '#2563eb']] },
];

const TILES = [
  ['invocations', 'Invocations', (t) => fmt.number(t.invocations)],
  ['errors', 'Errors', (t) => `${fmt.number(t.errors)}${t.invocations ? ` (${fmt.percent(t.errors / t.invocations)})` : ''}`],
  ['throttles', 'Throttles', (t) => fmt.number(t.throttles)],
  ['p50', 'Duration p50', (t) => fmt.ms(t.durationP50)],
  ['p99', 'Duration p99', (t) => fmt.ms(t.durationP99)],
  ['cold-share', 'Cold starts', (t) => {
    const n = (t.coldStarts || 0) + (t.warmStarts || 0);
    return n ? `${fmt.number(t.coldStarts)} (${fmt.percent(t.coldStarts / n)})` : '\u2014';
  }],
  ['memory', 'Max memory', (t, mem) => (t.maxMemoryUsedMb == null ? '\u2014' : `${fmt.number(t.maxMemoryUsedMb)} / ${mem} MB`)],
  ['cost', 'Estimated cost', (t) => fmt.usd(t.estimatedCost)],
];

export function render(container, ctx) {
  let alive = true;
  let inFlight = false;
  const mem = ctx.config.MemorySize;
  const errors = errorSlot();
  const select = h('select', { 'data-test': 'window-select', onchange: () => { lastWindow = Number(select.value); refresh(); } },
    WINDOWS.map(([v, l]) => h('option', { value: String(v) }, l)));
  select.value = String(lastWindow);
  const updated = h('span', { class: 'live', 'aria-live': 'off' }, '\u00a0');
  const tiles = Object.fromEntries(TILES.map(([id]) => [id, h('div', { class: 'tile-value' }, '\u2014')]));
  const charts = CHARTS.map((c) => ({ def: c, el: lineChart({ test: c.test, title: c.title, unit: c.unit, series: [] }) }));

  container.append(section('Monitor', [field('Window', select), updated], errors,
    h('div', { class: 'tiles' }, TILES.map(([id, label]) => h('div', { class: 'tile', 'data-test': `tile-${id}` },
      h('div', { class: 'tile-label' }, label), tiles[id]))),
    h('div', { class: 'charts' }, charts.map((c) => c.el))));

  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    const minutes = Number(select.value);
    try {
      const d = await api.consoleGet(`/summary?minutes=${minutes}&function=${enc(ctx.name)}`);
      if (!alive || Number(select.value) !== minutes) return;
      clear(errors);
      const s = d.series || {};
      for (const c of charts) {
        const series = c.def.series(s, d, mem).map(([name, points, color]) => ({ name, points: points || [], color }));
        updateChart(c.el, series, { start: d.start, end: d.end });
      }
      const t = d.totals || {};
      for (const [id, , f] of TILES) tiles[id].textContent = f(t, mem);
      updated.textContent = `Updated ${fmt.date(Date.now()).slice(11)} \u00b7 ${d.periodSeconds / 60}-minute periods`;
    } catch (e) {
      if (alive) fail(errors, e);
    } finally {
      inFlight = false;
    }
  }

  refresh();
  const stop = every(5000, refresh);
  return () => { alive = false; stop(); };
}
