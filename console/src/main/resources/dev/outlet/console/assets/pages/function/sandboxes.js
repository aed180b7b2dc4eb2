// Sandboxes tab: the function's execution environments, refreshed every 2 s in place.
import { h, table, update, fmt, every, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { enc, errorSlot, fail, clear, section, ep, duration, badge } from './common.js';

export function render(container, ctx) {
  let alive = true;
  let inFlight = false;
  const errors = errorSlot();
  const note = h('span', { class: 'live' }, '\u00a0');
  const tbl = table({
    test: 'sandboxes-table', rowTest: 'sandbox-row', rowAttrs: (s) => ({ 'data-id': s.id, 'data-state': s.state }),
    columns: [
      { key: 'id', label: 'Sandbox', render: (s) => h('code', { class: 'mono small', title: s.id }, s.id) },
      { key: 'version', label: 'Version' },
      { key: 'state', label: 'State', render: (s) => h('span', {}, badge(s.state), s.provisioned ? h('span', { class: 'muted' }, ' provisioned') : null) },
      { key: 'ageMs', label: 'Age', align: 'right', render: (s) => duration(s.ageMs) },
      { key: 'invocations', label: 'Invocations served', align: 'right', render: (s) => fmt.number(s.invocations) },
      { key: 'memoryUsedMb', label: 'Memory used / limit', align: 'right',
        render: (s) => `${s.memoryUsedMb == null ? '\u2014' : fmt.number(s.memoryUsedMb)} / ${fmt.mb(s.memoryLimitMb)}` },
      { key: 'initMs', label: 'Init cost', align: 'right', render: (s) => (s.initMs == null ? '\u2014' : fmt.ms(s.initMs)) },
      { key: 'idleMs', label: 'Idle for', align: 'right', render: (s) => (s.state === 'IDLE' && s.idleMs != null ? duration(s.idleMs) : '\u2014') },
    ],
    sortKey: 'ageMs', sortDir: 'descending', rows: [],
    emptyState: emptyState('No sandboxes right now. A sandbox starts on the first invoke (a cold start) and stays warm '
      + 'while it keeps being reused; idle ones are reclaimed after a while. Invoke the function to start one:',
    `aws lambda invoke --endpoint-url ${ep(ctx)} --function-name ${ctx.name} out.json`),
  });
  container.append(section('Sandboxes', note, errors, tbl));

  async function refresh() {
    if (inFlight) return;
    inFlight = true;
    try {
      const r = await api.consoleGet(`/sandboxes?function=${enc(ctx.name)}`);
      if (!alive) return;
      clear(errors);
      const rows = (r && r.sandboxes) || [];
      update(tbl, rows);
      const busy = rows.filter((s) => s.state === 'BUSY').length;
      note.textContent = `${rows.length} sandbox${rows.length === 1 ? '' : 'es'}, ${busy} busy \u00b7 every 2 s`;
    } catch (e) {
      if (alive) fail(errors, e);
    } finally {
      inFlight = false;
    }
  }

  refresh();
  const stop = every(2000, refresh);
  return () => { alive = false; stop(); };
}
