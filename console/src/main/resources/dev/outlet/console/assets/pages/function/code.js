// Code tab: the download link and the package's file list (read from the zip's central
// directory in the browser), or the image URI for an image function.
import { h, table, fmt, loading, copyButton } from '../../ui.js';
import { listZip } from './zip.js';
import { errorSlot, fail, section } from './common.js';

/** Code.Location may name another host for the same server (localhost vs 127.0.0.1): fetch the
 *  same path on this origin, where the session cookie goes along. */
function sameOrigin(url) {
  try {
    const u = new URL(url, location.href);
    if (u.origin !== location.origin && u.pathname.startsWith('/_outlet/')) {
      return location.origin + u.pathname + u.search;
    }
    return u.href;
  } catch {
    return url;
  }
}

export function render(container, ctx) {
  const c = ctx.config;
  const code = ctx.fn.Code || {};
  const kv = (pairs) => h('dl', { class: 'kv' }, pairs.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? '\u2014'))));

  if (c.PackageType === 'Image') {
    container.append(section('Container image', null, kv([
      ['Image URI', h('code', { class: 'mono', 'data-test': 'code-image' }, code.ImageUri || c.ImageUri || '\u2014')],
      ['Resolved image', h('code', { class: 'mono' }, code.ResolvedImageUri || '\u2014')],
      ['Command', (c.ImageConfigResponse?.ImageConfig?.Command || []).join(' ') || '\u2014'],
    ])));
    return null;
  }

  const controller = new AbortController();
  const errors = errorSlot();
  const files = h('div', { class: 'code-files' }, loading('Reading the package\u2026'));
  const summary = h('p', { class: 'muted' }, '\u00a0');
  const download = code.Location
    ? h('a', { href: code.Location, download: `${ctx.name}.zip`, class: 'button', 'data-test': 'code-download' }, 'Download .zip')
    : h('span', { class: 'muted' }, 'No download location');

  container.append(
    section('Code properties', download, kv([
      ['Runtime', c.Runtime], ['Handler', h('code', { class: 'mono' }, c.Handler || '\u2014')],
      ['Package size', fmt.bytes(c.CodeSize)],
      ['SHA-256', h('span', {}, h('code', { class: 'mono small' }, c.CodeSha256 || '\u2014'), ' ', c.CodeSha256 ? copyButton(c.CodeSha256) : null)],
      ['Last modified', fmt.date(c.LastModified)],
    ])),
    section('Files', null, errors, summary, files));

  (async () => {
    if (!code.Location) { files.replaceChildren(); return; }
    try {
      const r = await fetch(sameOrigin(code.Location), { credentials: 'same-origin', signal: controller.signal });
      if (!r.ok) {
        let msg = `HTTP ${r.status}`;
        try { const b = await r.json(); msg = b.message || b.Message || msg; } catch { /* not JSON */ }
        throw new Error(msg);
      }
      const entries = listZip(await r.arrayBuffer());
      const list = entries.filter((e) => !e.directory);
      const total = list.reduce((a, e) => a + e.size, 0);
      summary.textContent = `${fmt.number(list.length)} files, ${fmt.bytes(total)} uncompressed`;
      files.replaceChildren(table({
        test: 'code-files', rowTest: 'code-file', filterable: 'code-files-filter',
        rowAttrs: (e) => ({ 'data-name': e.name }),
        sortKey: 'name',
        columns: [
          { key: 'name', label: 'Name', render: (e) => h('code', { class: 'mono' }, e.name) },
          { key: 'size', label: 'Size', align: 'right', render: (e) => fmt.bytes(e.size) },
          { key: 'compressedSize', label: 'Compressed', align: 'right', render: (e) => fmt.bytes(e.compressedSize) },
          { key: 'modified', label: 'Modified', render: (e) => fmt.date(e.modified) },
        ],
        rows: list,
        emptyState: 'The package is empty.',
      }));
    } catch (e) {
      if (e.name === 'AbortError') return;
      files.replaceChildren();
      fail(errors, e);
    }
  })();

  return () => controller.abort();
}
