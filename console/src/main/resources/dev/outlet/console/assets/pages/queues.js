// Queues (#/queues): SQS queues with their message counts, and the event source mappings.
import * as api from '../api.js';
import { h, table, update, showError, clearErrors, emptyState, fmt, every } from '../ui.js';

const nameOfUrl = (u) => String(u || '').split('/').pop();
const nameOfArn = (a) => String(a || '').split(':').pop();
const fnOfArn = (arn) => {
  const m = /function:([^:]+)/.exec(arn || '');
  return m ? m[1] : arn;
};
const num = (v) => (v === undefined || v === null || v === '' ? null : Number(v));

export async function render(main) {
  const s = await api.session();
  let alive = true;
  const errHost = h('div', { class: 'errors' });
  const qEmpty = h('div', {}, h('p', { class: 'muted loading' }, 'Loading queues\u2026'));
  const mEmpty = h('div', {}, h('p', { class: 'muted loading' }, 'Loading event source mappings\u2026'));
  let urls = [];
  const queues = table({
    test: 'queues-table', rowTest: 'queue-row', filterable: 'queues-filter', sortKey: 'name',
    rowAttrs: (r) => ({ 'data-name': r.name }), emptyState: qEmpty,
    columns: [
      { key: 'name', label: 'Queue', width: '26%', render: (r) => h('span', { title: r.url }, r.name) },
      { key: 'visible', label: 'Available', align: 'right', render: (r) => fmt.number(r.visible) },
      { key: 'inFlight', label: 'In flight', align: 'right', render: (r) => fmt.number(r.inFlight) },
      { key: 'delayed', label: 'Delayed', align: 'right', render: (r) => fmt.number(r.delayed) },
      { key: 'visibility', label: 'Visibility timeout', align: 'right', render: (r) => (r.visibility === null ? '\u2014' : `${r.visibility} s`) },
      { key: 'retention', label: 'Retention', align: 'right', render: (r) => (r.retention === null ? '\u2014' : fmt.ago(r.retention * 1000)) },
      { key: 'dlq', label: 'Dead-letter queue', render: (r) => r.dlq || '\u2014' },
    ],
  });
  const mappings = table({
    test: 'mappings-table', rowTest: 'mapping-row', sortKey: 'source',
    rowAttrs: (r) => ({ 'data-uuid': r.UUID }), emptyState: mEmpty,
    columns: [
      { key: 'source', label: 'Event source', sort: (r) => nameOfArn(r.EventSourceArn), render: (r) => h('span', { title: r.EventSourceArn }, nameOfArn(r.EventSourceArn)) },
      { key: 'fn', label: 'Function', sort: (r) => fnOfArn(r.FunctionArn), render: (r) => {
        const fn = fnOfArn(r.FunctionArn);
        return h('a', { href: `#/functions/${encodeURIComponent(fn)}/triggers` }, fn);
      } },
      { key: 'State', label: 'State', render: (r) => h('span', { class: `badge ${String(r.State || '').toLowerCase()}` }, r.State || '\u2014') },
      { key: 'BatchSize', label: 'Batch size', align: 'right', render: (r) => fmt.number(r.BatchSize) },
      { key: 'LastModified', label: 'Last modified', render: (r) => fmt.date(typeof r.LastModified === 'number' && r.LastModified < 1e11 ? r.LastModified * 1000 : r.LastModified) },
      { key: 'UUID', label: 'UUID', render: (r) => h('code', {}, r.UUID) },
    ],
  });
  const status = h('span', { class: 'live muted' });
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Queues'), h('span', { class: 'spacer' }), status),
    errHost, h('h2', {}, 'SQS queues'), queues, h('h2', {}, 'Event source mappings'), mappings);

  async function loadQueues() {
    let tok = null;
    const found = [];
    do {
      const r = await api.json('sqs', 'ListQueues', tok ? { NextToken: tok, MaxResults: 1000 } : { MaxResults: 1000 });
      found.push(...(r.QueueUrls || []));
      tok = r.NextToken || null;
    } while (tok && alive);
    urls = found;
    if (!urls.length) {
      qEmpty.replaceChildren(emptyState('No queues yet. Create one, then map it to a function:',
        `aws sqs create-queue --endpoint-url ${s.endpoint} --queue-name my-queue\n`
        + `aws lambda create-event-source-mapping --endpoint-url ${s.endpoint} --function-name my-function \\\n  --event-source-arn arn:aws:sqs:${s.region}:${s.accountId}:my-queue`));
    }
    await attributes();
  }

  async function attributes() {
    const rows = await Promise.all(urls.map(async (url) => {
      try {
        const a = (await api.json('sqs', 'GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] })).Attributes || {};
        let dlq = null;
        try { dlq = a.RedrivePolicy ? nameOfArn(JSON.parse(a.RedrivePolicy).deadLetterTargetArn) : null; } catch { dlq = null; }
        return { url, name: nameOfUrl(url), visible: num(a.ApproximateNumberOfMessages), inFlight: num(a.ApproximateNumberOfMessagesNotVisible),
          delayed: num(a.ApproximateNumberOfMessagesDelayed), visibility: num(a.VisibilityTimeout),
          retention: num(a.MessageRetentionPeriod), dlq };
      } catch (e) {
        if (e.status === 401) throw e;
        return { url, name: nameOfUrl(url), visible: null, inFlight: null, delayed: null, visibility: null, retention: null, dlq: null };
      }
    }));
    if (alive) update(queues, rows);
  }

  async function loadMappings() {
    const all = [];
    let marker = null;
    do {
      const q = new URLSearchParams({ MaxItems: '100' });
      if (marker) q.set('Marker', marker);
      const r = await api.lambda('GET', `/2015-03-31/event-source-mappings/?${q}`);
      all.push(...(r.EventSourceMappings || []));
      marker = r.NextMarker || null;
    } while (marker && alive);
    if (!alive) return;
    update(mappings, all);
    if (!all.length) {
      mEmpty.replaceChildren(emptyState('No event source mappings. Have a function poll a queue:',
        `aws lambda create-event-source-mapping --endpoint-url ${s.endpoint} --function-name my-function \\\n  --event-source-arn arn:aws:sqs:${s.region}:${s.accountId}:my-queue --batch-size 10`));
    }
  }

  const fail = (e) => { if (alive) showError(e, errHost); };
  Promise.all([loadQueues().catch((e) => { qEmpty.replaceChildren(); fail(e); }),
    loadMappings().catch((e) => { mEmpty.replaceChildren(); fail(e); })]);
  // Message counts move: refresh them every 5 s in place.
  const stop = every(5000, async () => {
    try {
      await attributes();
      clearErrors(errHost);
      status.textContent = `Live \u00b7 counts every 5 s`;
    } catch (e) { fail(e); }
  });
  return () => { alive = false; stop(); };
}
