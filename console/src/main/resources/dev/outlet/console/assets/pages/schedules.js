// Schedules (#/schedules): EventBridge rules (ListRules) with their schedule, state and targets.
import * as api from '../api.js';
import { h, table, update, showError, clearErrors, emptyState } from '../ui.js';

const fnOfArn = (arn) => {
  const m = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn || '');
  return m ? m[1] : null;
};

export async function render(main) {
  const s = await api.session();
  let alive = true;
  const errHost = h('div', { class: 'errors' });
  const empty = h('div', {}, h('p', { class: 'muted loading' }, 'Loading rules\u2026'));
  let rows = [];
  const tbl = table({
    test: 'schedules-table', rowTest: 'schedule-row', filterable: 'schedules-filter', sortKey: 'Name',
    rowAttrs: (r) => ({ 'data-name': r.Name }), emptyState: empty,
    columns: [
      { key: 'Name', label: 'Rule', width: '22%', render: (r) => h('span', { title: r.Arn || r.Name }, r.Name) },
      { key: 'expr', label: 'Schedule / pattern', width: '26%', sort: (r) => r.ScheduleExpression || r.EventPattern || '',
        render: (r) => (r.ScheduleExpression ? h('code', {}, r.ScheduleExpression)
          : r.EventPattern ? h('code', { class: 'muted', title: r.EventPattern }, r.EventPattern) : '\u2014') },
      { key: 'State', label: 'State', width: '8rem', render: (r) => h('span', { class: `badge ${String(r.State || '').toLowerCase()}` }, r.State || '\u2014') },
      { key: 'targets', label: 'Targets', sort: (r) => (r.targets ? r.targets.map((t) => fnOfArn(t.Arn) || t.Arn).join(' ') : ''),
        render: (r) => targetsCell(r) },
      { key: 'EventBusName', label: 'Event bus', width: '9rem' },
    ],
  });
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Schedules'),
    h('span', { class: 'muted' }, 'EventBridge rules')), errHost, tbl);

  try {
    let tok = null;
    do {
      const r = await api.json('events', 'ListRules', tok ? { NextToken: tok, Limit: 100 } : { Limit: 100 });
      if (!alive) return () => {};
      rows = rows.concat(r.Rules || []);
      update(tbl, rows);
      tok = r.NextToken || null;
    } while (tok);
    if (!rows.length) {
      empty.replaceChildren(emptyState('No rules yet. Run a function on a schedule:',
        `aws events put-rule --endpoint-url ${s.endpoint} --name every-minute --schedule-expression "rate(1 minute)"\n`
        + `aws events put-targets --endpoint-url ${s.endpoint} --rule every-minute \\\n  --targets Id=1,Arn=arn:aws:lambda:${s.region}:${s.accountId}:function:my-function`));
    }
    clearErrors(errHost);
    // Targets, 6 rules at a time; each answer replaces its row (a new object: its <tr> is rebuilt).
    let next = 0;
    const worker = async () => {
      while (next < rows.length && alive) {
        const i = next++;
        const rule = rows[i];
        try {
          const t = await api.json('events', 'ListTargetsByRule', { Rule: rule.Name, EventBusName: rule.EventBusName || undefined });
          rows[i] = { ...rule, targets: t.Targets || [] };
        } catch (e) {
          rows[i] = { ...rule, targets: [], targetError: e.message };
        }
        if (alive) update(tbl, rows.slice());
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
  } catch (e) {
    if (!alive) return () => {};
    empty.replaceChildren();
    showError(e, errHost);
  }
  return () => { alive = false; };
}

function targetsCell(r) {
  if (r.targetError) return h('span', { class: 'status-failed', title: r.targetError }, 'Could not list targets');
  if (!r.targets) return h('span', { class: 'muted' }, '\u2026');
  if (!r.targets.length) return h('span', { class: 'muted' }, 'No targets');
  return h('span', { class: 'wrap' }, r.targets.map((t, i) => {
    const fn = fnOfArn(t.Arn);
    return [i ? ', ' : null, fn ? h('a', { href: `#/functions/${encodeURIComponent(fn)}`, title: t.Arn }, fn) : h('code', { title: t.Id }, t.Arn)];
  }));
}
