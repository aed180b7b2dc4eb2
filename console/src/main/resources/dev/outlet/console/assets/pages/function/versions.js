// Versions tab: ListVersionsByFunction, and Publish version.
import { h, table, update, fmt, field, dialog, loading } from '../../ui.js';
import * as api from '../../api.js';
import { fnPath, errorSlot, fail, clear, allPages, section, badge } from './common.js';

/** Every version of a function (following NextMarker). */
export function listVersions(name) {
  return allPages(async (marker) => {
    const q = new URLSearchParams({ MaxItems: '50' });
    if (marker) q.set('Marker', marker);
    const r = await api.lambda('GET', fnPath(name, `/versions?${q}`));
    return { items: r.Versions, next: r.NextMarker };
  });
}

export function render(container, ctx) {
  let alive = true;
  const errors = errorSlot();
  const publish = h('button', { type: 'button', class: 'primary', 'data-test': 'publish-version', onclick: openPublish }, 'Publish new version');
  const tbl = table({
    test: 'versions-table', rowTest: 'version-row', rowAttrs: (v) => ({ 'data-version': v.Version }),
    columns: [
      { key: 'Version', label: 'Version', sort: (v) => (v.Version === '$LATEST' ? Infinity : Number(v.Version)) },
      { key: 'Description', label: 'Description' },
      { key: 'State', label: 'State', render: (v) => badge(v.State || 'Active') },
      { key: 'CodeSha256', label: 'Code SHA-256', render: (v) => h('code', { class: 'mono', title: v.CodeSha256 }, (v.CodeSha256 || '').slice(0, 12)) },
      { key: 'MemorySize', label: 'Memory', align: 'right', render: (v) => fmt.mb(v.MemorySize) },
      { key: 'LastModified', label: 'Last modified', render: (v) => fmt.date(v.LastModified) },
      { key: 'FunctionArn', label: 'ARN', render: (v) => h('code', { class: 'mono small' }, v.FunctionArn) },
    ],
    sortKey: 'Version', sortDir: 'descending',
    rows: [],
    emptyState: 'No versions.',
  });
  const holder = h('div', {}, loading());
  container.append(section('Versions', publish, errors, holder));

  async function load() {
    try {
      const versions = await listVersions(ctx.name);
      if (!alive) return;
      holder.replaceChildren(tbl);
      update(tbl, versions);
    } catch (e) {
      if (alive) { holder.replaceChildren(); fail(errors, e); }
    }
  }

  function openPublish() {
    clear(errors);
    const desc = h('input', { type: 'text', maxlength: 256, 'data-test': 'publish-description' });
    dialog({
      title: 'Publish new version',
      body: h('div', { class: 'form' },
        h('p', {}, 'A version is an immutable snapshot of $LATEST\u2019s code and configuration.'),
        field('Version description', desc)),
      actions: [
        { label: 'Cancel' },
        { label: 'Publish', kind: 'primary', test: 'publish-confirm', onclick: async () => {
          await api.lambda('POST', fnPath(ctx.name, '/versions'), desc.value ? { Description: desc.value } : {});
          load();
        } },
      ],
    });
  }

  load();
  return () => { alive = false; };
}
