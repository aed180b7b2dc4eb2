// Line charts in SVG: fixed size (no layout shift), axes, legend, hover/keyboard read-out.

const NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2563eb', '#dc2626', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#4b5563'];
const M = { top: 8, right: 12, bottom: 22, left: 52 };
const charts = new WeakMap();

function s(tag, attrs = {}, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const k of kids) if (k !== null && k !== undefined) el.append(k);
  return el;
}

function div(cls, ...kids) {
  const el = document.createElement('div');
  if (cls) el.className = cls;
  el.append(...kids);
  return el;
}

/** A line chart. series: [{name, points: [[ms, value], ...], color?}]. Extra options: start/end
 *  (ms: the x domain; default the data's extent), format(value) for labels, min (y floor, 0).
 *  Returns a <figure> with data-test=test and data-points = number of points drawn. */
export function lineChart({ test, title, unit = '', series = [], height = 160, width = 480,
  start = null, end = null, format = null, min = 0 } = {}) {
  const fig = document.createElement('figure');
  fig.className = 'chart';
  if (test) fig.dataset.test = test;
  const titleEl = div('chart-title', title || '');
  if (unit) titleEl.append(' ', Object.assign(document.createElement('span'), { className: 'muted', textContent: `(${unit})` }));
  const legend = div('chart-legend');
  const readout = div('chart-readout');
  readout.setAttribute('aria-live', 'off');
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg',
    role: 'img', 'aria-label': title || 'chart', tabindex: '0', preserveAspectRatio: 'none' });
  svg.style.aspectRatio = `${width} / ${height}`;
  fig.append(div('chart-head', titleEl, legend), div('chart-box', svg), readout);
  const st = { fig, svg, legend, readout, width, height, unit, start, end, format, min, title, series: [], cursor: -1 };
  charts.set(fig, st);
  svg.addEventListener('mousemove', (e) => hover(st, e));
  svg.addEventListener('mouseleave', () => setCursor(st, -1));
  svg.addEventListener('blur', () => setCursor(st, -1));
  svg.addEventListener('keydown', (e) => key(st, e));
  draw(st, series);
  return fig;
}

/** Redraws a chart made by lineChart in place. opts may change start/end. */
export function updateChart(chartEl, series, opts = {}) {
  const st = charts.get(chartEl);
  if (!st) throw new Error('updateChart(): not a chart');
  if ('start' in opts) st.start = opts.start;
  if ('end' in opts) st.end = opts.end;
  draw(st, series);
}

function niceStep(range, count) {
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * mag;
}

function defaultFormat(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  if (a === 0 || a >= 1) return `${+v.toFixed(2)}`;
  return `${+v.toPrecision(2)}`;
}

function timeLabel(ms, span) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return span > 36 * 3600e3 ? `${p(d.getMonth() + 1)}-${p(d.getDate())} ${hm}` : hm;
}

function draw(st, series) {
  const { svg, width, height } = st;
  const fmtv = st.format || defaultFormat;
  st.series = (series || []).map((x, i) => ({
    name: x.name, color: x.color || PALETTE[i % PALETTE.length],
    points: (x.points || []).filter((p) => p && Number.isFinite(p[0]) && Number.isFinite(p[1]))
      .slice().sort((a, b) => a[0] - b[0]),
  }));
  const all = st.series.flatMap((x) => x.points);
  st.fig.dataset.points = String(all.length);
  let x0 = st.start ?? (all.length ? Math.min(...all.map((p) => p[0])) : Date.now() - 3600e3);
  let x1 = st.end ?? (all.length ? Math.max(...all.map((p) => p[0])) : Date.now());
  if (x1 <= x0) { x0 -= 30e3; x1 += 30e3; }
  let y0 = Math.min(st.min ?? 0, ...all.map((p) => p[1]));
  let yMax = Math.max(...all.map((p) => p[1]), y0);
  if (yMax <= y0) yMax = y0 + 1;
  const step = niceStep(yMax - y0, 3);
  y0 = Math.floor(y0 / step) * step;
  const y1 = Math.ceil(yMax / step) * step;
  const pw = width - M.left - M.right;
  const ph = height - M.top - M.bottom;
  const X = (t) => M.left + ((t - x0) / (x1 - x0)) * pw;
  const Y = (v) => M.top + ph - ((v - y0) / (y1 - y0)) * ph;
  Object.assign(st, { x0, x1, X, Y, pw, ph, fmtv });

  const g = [];
  for (let v = y0; v <= y1 + step / 2; v += step) {
    const y = Y(v).toFixed(1);
    g.push(s('line', { x1: M.left, x2: width - M.right, y1: y, y2: y, class: 'grid' }));
    g.push(s('text', { x: M.left - 6, y, class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, fmtv(v)));
  }
  const span = x1 - x0;
  for (let i = 0; i <= 3; i++) {
    const t = x0 + (span * i) / 3;
    g.push(s('text', { x: X(t).toFixed(1), y: height - 6, class: 'tick',
      'text-anchor': i === 0 ? 'start' : i === 3 ? 'end' : 'middle' }, timeLabel(t, span)));
  }
  g.push(s('line', { x1: M.left, x2: M.left, y1: M.top, y2: M.top + ph, class: 'axis' }));
  g.push(s('line', { x1: M.left, x2: width - M.right, y1: M.top + ph, y2: M.top + ph, class: 'axis' }));

  for (const ser of st.series) {
    const pts = ser.points;
    if (!pts.length) continue;
    // Break the line across gaps larger than 1.5 x the smallest step (periods without data).
    let gap = Infinity;
    for (let i = 1; i < pts.length; i++) gap = Math.min(gap, pts[i][0] - pts[i - 1][0] || Infinity);
    let d = '';
    pts.forEach((p, i) => {
      const brk = i === 0 || p[0] - pts[i - 1][0] > gap * 1.5;
      d += `${brk ? 'M' : 'L'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`;
    });
    g.push(s('path', { d, class: 'line', stroke: ser.color, fill: 'none' }));
    const sparse = pts.length <= 40;
    pts.forEach((p, i) => {
      const alone = (i === 0 || p[0] - pts[i - 1][0] > gap * 1.5)
        && (i === pts.length - 1 || pts[i + 1][0] - p[0] > gap * 1.5);
      if (sparse || alone) g.push(s('circle', { cx: X(p[0]).toFixed(1), cy: Y(p[1]).toFixed(1), r: alone ? 2.5 : 1.8, fill: ser.color }));
    });
  }
  if (!all.length) {
    g.push(s('text', { x: M.left + pw / 2, y: M.top + ph / 2, class: 'nodata', 'text-anchor': 'middle', 'dominant-baseline': 'middle' }, 'No data in this window'));
  }
  st.cursorLine = s('line', { x1: -10, x2: -10, y1: M.top, y2: M.top + ph, class: 'cursor', visibility: 'hidden' });
  st.cursorDots = s('g', {});
  g.push(st.cursorLine, st.cursorDots);
  svg.replaceChildren(...g);

  st.legend.replaceChildren(...st.series.map((x) => {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const sw = document.createElement('i');
    sw.className = 'swatch';
    sw.style.background = x.color;
    item.append(sw, x.name || '');
    return item;
  }));
  st.times = [...new Set(all.map((p) => p[0]))].sort((a, b) => a - b);
  setCursor(st, st.cursor >= 0 && st.times.length ? Math.min(st.cursor, st.times.length - 1) : -1);
}

function hover(st, e) {
  if (!st.times.length) return;
  const r = st.svg.getBoundingClientRect();
  const x = ((e.clientX - r.left) / r.width) * st.width;
  const t = st.x0 + ((x - M.left) / st.pw) * (st.x1 - st.x0);
  let best = 0;
  for (let i = 1; i < st.times.length; i++) if (Math.abs(st.times[i] - t) < Math.abs(st.times[best] - t)) best = i;
  setCursor(st, best);
}

function key(st, e) {
  if (!st.times.length) return;
  const n = st.times.length;
  if (e.key === 'ArrowRight') setCursor(st, st.cursor < 0 ? n - 1 : Math.min(n - 1, st.cursor + 1));
  else if (e.key === 'ArrowLeft') setCursor(st, st.cursor < 0 ? n - 1 : Math.max(0, st.cursor - 1));
  else if (e.key === 'Home') setCursor(st, 0);
  else if (e.key === 'End') setCursor(st, n - 1);
  else if (e.key === 'Escape') setCursor(st, -1);
  else return;
  e.preventDefault();
}

function setCursor(st, i) {
  st.cursor = i;
  if (i < 0 || !st.times.length) {
    st.cursorLine.setAttribute('visibility', 'hidden');
    st.cursorDots.replaceChildren();
    st.readout.textContent = '\u00a0';
    return;
  }
  const t = st.times[i];
  const x = st.X(t).toFixed(1);
  st.cursorLine.setAttribute('x1', x);
  st.cursorLine.setAttribute('x2', x);
  st.cursorLine.setAttribute('visibility', 'visible');
  const parts = [];
  const dots = [];
  for (const ser of st.series) {
    const p = ser.points.find((q) => q[0] === t);
    if (!p) continue;
    dots.push(s('circle', { cx: x, cy: st.Y(p[1]).toFixed(1), r: 3.5, fill: ser.color, class: 'cursor-dot' }));
    parts.push(`${ser.name}: ${st.fmtv(p[1])}${/^(ms|s|KB|MB|GB|%)$/.test(st.unit) ? ` ${st.unit}` : ''}`);
  }
  st.cursorDots.replaceChildren(...dots);
  const d = new Date(t);
  const p2 = (n) => String(n).padStart(2, '0');
  st.readout.textContent = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}  ${parts.join('  \u00b7  ')}`;
}
