// One function's page: header (name, runtime, state, ARN, delete), the tab bar, then the tab.
import { h, mount, tabs, dialog, showError, copyButton, loading } from '../ui.js';
import * as api from '../api.js';
import { fnPath, enc, badge } from './function/common.js';

const TABS = [
  { id: 'configuration', label: 'Configuration' },
  { id: 'code', label: 'Code' },
  { id: 'test', label: 'Test' },
  { id: 'monitor', label: 'Monitor' },
  { id: 'logs', label: 'Logs' },
  { id: 'versions', label: 'Versions' },
  { id: 'aliases', label: 'Aliases' },
  { id: 'layers', label: 'Layers' },
  { id: 'tags', label: 'Tags' },
  { id: 'url', label: 'Function URL' },
  { id: 'triggers', label: 'Triggers' },
  { id: 'sandboxes', label: 'Sandboxes' },
];

const MODULES = {
  configuration: () => import('./function/configuration.js'),
  code: () => import('./function/code.js'),
  versions: () => import('./function/versions.js'),
  aliases: () => import('./function/aliases.js'),
  layers: () => import('./function/layers.js'),
  tags: () => import('./function/tags.js'),
  url: () => import('./function/url.js'),
  triggers: () => import('./function/triggers.js'),
  test: () => import('./function/test.js'),
  monitor: () => import('./function/monitor.js'),
  logs: () => import('./function/logs.js'),
  sandboxes: () => import('./function/sandboxes.js'),
};

// The last GetFunction answer, so switching tabs paints the header at once.
let cache = null; // {name, fn, at}

export function render(main, { name, tab } = {}) {
  const active = MODULES[tab] ? tab : 'configuration';
  let disposed = false;
  let tabDispose = null;
  let stateTimer = null;

  const title = h('h1', { class: 'fn-name', 'data-test': 'function-name', style: { overflowWrap: 'anywhere' } }, name);
  const runtime = h('span', { class: 'fn-runtime' }, '\u00a0');
  const state = h('span', { class: 'fn-state' }, '\u00a0');
  const arn = h('code', { class: 'fn-arn mono small' }, '\u00a0');
  const del = h('button', { type: 'button', class: 'danger', 'data-test': 'delete-function',
    onclick: confirmDelete }, 'Delete');
  const errors = h('div', { class: 'errors', 'aria-live': 'polite' });
  const body = h('div', { class: 'tab-body' }, loading());
  const metaItem = (label, value, extra) => h('div', { style: { display: 'flex', gap: '.4rem', alignItems: 'baseline', minWidth: 0 } },
    h('dt', { class: 'muted' }, label), h('dd', { style: { margin: 0, overflowWrap: 'anywhere' } }, value, extra));
  const header = h('header', { class: 'fn-head' },
    h('div', { class: 'breadcrumb' }, h('a', { href: '#/functions' }, 'Functions'), ' / ', name),
    h('div', { class: 'page-head' }, title, h('span', { class: 'spacer' }), del),
    h('dl', { class: 'fn-meta', style: { display: 'flex', flexWrap: 'wrap', gap: '.3rem 1.5rem', margin: '0 0 .75rem', minHeight: '1.6rem' } },
      metaItem('Runtime', runtime), metaItem('State', state),
      metaItem('ARN', arn, [' ', copyButton(() => arn.textContent)])));
  mount(main, h('div', { class: 'fn-page' }, header,
    tabs(TABS, active, (id) => `#/functions/${enc(name)}/${id}`), errors, body));

  const ctx = { name, config: null, fn: null, session: null, reload };

  function paintHeader(fn) {
    const c = fn.Configuration || {};
    runtime.textContent = c.PackageType === 'Image' ? 'Image' : (c.Runtime || '\u2014');
    const st = [c.State || 'Active'];
    if (c.LastUpdateStatus && c.LastUpdateStatus !== 'Successful') st.push(`update ${c.LastUpdateStatus}`);
    mount(state, badge(st.join(' \u00b7 ')));
    if (c.StateReason && c.State !== 'Active') state.append(' ', h('span', { class: 'muted' }, c.StateReason));
    arn.textContent = c.FunctionArn || '';
  }

  function remember(fn) {
    ctx.fn = fn;
    ctx.config = fn.Configuration || {};
    cache = { name, fn, at: Date.now() };
    paintHeader(fn);
    // While Pending / InProgress, refresh the header until the function settles.
    clearTimeout(stateTimer);
    const c = ctx.config;
    if (!disposed && (c.State === 'Pending' || c.LastUpdateStatus === 'InProgress')) {
      stateTimer = setTimeout(() => reload().catch(() => {}), 1500);
    }
  }

  async function reload() {
    const fn = await api.lambda('GET', fnPath(name));
    if (!disposed) remember(fn);
    return fn;
  }

  async function showTab() {
    try {
      const mod = await MODULES[active]();
      if (disposed) return;
      body.replaceChildren();
      const d = mod.render(body, ctx);
      tabDispose = typeof d === 'function' ? d : null;
      if (disposed && tabDispose) tabDispose();
    } catch (e) {
      if (!disposed) { body.replaceChildren(); showError(e, errors); }
    }
  }

  function confirmDelete() {
    dialog({
      title: `Delete ${name}?`,
      body: h('p', {}, 'This deletes the function, its versions and aliases. It cannot be undone.'),
      actions: [
        { label: 'Cancel' },
        { label: 'Delete', kind: 'danger', test: 'confirm-delete', onclick: async () => {
          await api.lambda('DELETE', fnPath(name));
          cache = null;
          location.hash = '#/functions';
        } },
      ],
    });
  }

  (async () => {
    const fresh = cache && cache.name === name && Date.now() - cache.at < 30000;
    const sessionP = api.session().catch(() => ({}));
    if (fresh) {
      remember(cache.fn);
      ctx.session = await sessionP;
      if (disposed) return;
      showTab();
      reload().catch(() => {}); // refresh the header quietly
      return;
    }
    try {
      const [fn, s] = await Promise.all([api.lambda('GET', fnPath(name)), sessionP]);
      if (disposed) return;
      ctx.session = s;
      remember(fn);
      showTab();
    } catch (e) {
      if (disposed) return;
      body.replaceChildren();
      showError(e, errors);
      if (e && e.status === 401) throw e; // the shell sends the user to sign in
    }
  })();

  return () => {
    disposed = true;
    clearTimeout(stateTimer);
    if (tabDispose) { try { tabDispose(); } catch { /* ignore */ } }
  };
}
