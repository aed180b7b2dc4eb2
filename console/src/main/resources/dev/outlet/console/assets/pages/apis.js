// HTTP APIs (#/apis): API Gateway v2 APIs with routes, stages (throttling), authorizers, a
// request tester, and the Function URLs.
import * as api from '../api.js';
import { h, mount, table, update, showError, clearErrors, emptyState, fmt, loading } from '../ui.js';

const fnOfUri = (uri) => {
  const m = /function:([^:/]+)/.exec(uri || '');
  return m ? m[1] : null;
};

export async function render(main) {
  const s = await api.session();
  let alive = true;
  const errHost = h('div', { class: 'errors' });
  const list = h('div', { 'data-test': 'apis' }, loading('Loading APIs\u2026'));
  const urls = h('section', { 'data-test': 'function-urls' });
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'HTTP APIs')), errHost, list, urls);

  try {
    const apis = await allPages((tok) => api.rest('apigateway', 'GET', `/v2/apis${tok ? `?nextToken=${encodeURIComponent(tok)}` : ''}`));
    if (!alive) return () => {};
    if (!apis.length) {
      list.replaceChildren(emptyState('No HTTP APIs yet. Create one that sends every request to a function:',
        `aws apigatewayv2 create-api --endpoint-url ${s.endpoint} --name my-api --protocol-type HTTP \\\n  --target arn:aws:lambda:${s.region}:${s.accountId}:function:my-function`));
    } else {
      list.replaceChildren(...apis.map((a) => apiCard(a, s)));
    }
  } catch (e) {
    list.replaceChildren();
    showError(e, errHost);
  }
  functionUrls(urls, s, () => alive);
  return () => { alive = false; };
}

// The apigatewayv2 wire format is lowerCamelCase (the CLI shows PascalCase): read both.
const MAPS = new Set(['stageVariables', 'tags', 'routeSettings', 'requestParameters', 'responseParameters']);
function pascal(v) {
  if (Array.isArray(v)) return v.map(pascal);
  if (!v || typeof v !== 'object') return v;
  const o = {};
  for (const [k, x] of Object.entries(v)) o[k.charAt(0).toUpperCase() + k.slice(1)] = MAPS.has(k) ? x : pascal(x);
  return o;
}

async function allPages(get) {
  const items = [];
  let tok = null;
  do {
    const r = await get(tok);
    items.push(...pascal(r.Items || r.items || []));
    tok = r.NextToken || r.nextToken || null;
  } while (tok);
  return items;
}

function apiCard(a, s) {
  const id = a.ApiId || a.apiId;
  const body = h('div', {}, loading());
  const card = h('section', { class: 'card', 'data-test': 'api', 'data-api-id': id },
    h('div', { class: 'page-head card-head' }, h('h2', {}, a.Name || a.name || id), h('span', { class: 'badge' }, a.ProtocolType || 'HTTP'),
      h('code', { class: 'muted' }, id)),
    h('dl', { class: 'kv' },
      h('dt', {}, 'Invoke URL'), h('dd', {}, h('code', {}, `${s.endpoint}/_outlet/apis/${id}/`)),
      a.ApiEndpoint ? [h('dt', {}, 'API endpoint'), h('dd', {}, h('code', {}, a.ApiEndpoint))] : null,
      a.CreatedDate ? [h('dt', {}, 'Created'), h('dd', {}, fmt.date(a.CreatedDate))] : null,
      a.Description ? [h('dt', {}, 'Description'), h('dd', {}, a.Description)] : null),
    body);
  fillApi(body, id, s);
  return card;
}

async function fillApi(body, id, s) {
  const get = (what) => allPages((tok) => api.rest('apigateway', 'GET', `/v2/apis/${id}/${what}${tok ? `?nextToken=${encodeURIComponent(tok)}` : ''}`));
  try {
    const [routes, integrations, stages, authorizers] = await Promise.all([
      get('routes'), get('integrations'), get('stages'), get('authorizers').catch(() => [])]);
    const integ = new Map(integrations.map((i) => [i.IntegrationId, i]));
    const auth = new Map(authorizers.map((x) => [x.AuthorizerId, x]));
    const target = (r) => {
      const m = /^integrations\/(.+)$/.exec(r.Target || '');
      const i = m && integ.get(m[1]);
      if (!i) return r.Target || '\u2014';
      const fn = fnOfUri(i.IntegrationUri);
      return fn ? h('a', { href: `#/functions/${encodeURIComponent(fn)}` }, fn) : (i.IntegrationUri || i.IntegrationType);
    };
    mount(body,
      h('h3', {}, 'Routes'),
      table({
        test: 'api-routes', rowTest: 'route-row', sortKey: 'RouteKey', emptyState: 'No routes.',
        columns: [
          { key: 'RouteKey', label: 'Route', render: (r) => h('code', {}, r.RouteKey) },
          { key: 'Target', label: 'Integration target', render: target },
          { key: 'AuthorizationType', label: 'Authorization', render: (r) => {
            const a = r.AuthorizerId && auth.get(r.AuthorizerId);
            return a ? `${r.AuthorizationType || ''} (${a.Name})` : (r.AuthorizationType || 'NONE');
          } },
        ],
        rows: routes,
      }),
      h('h3', {}, 'Stages'),
      table({
        test: 'api-stages', rowTest: 'stage-row', emptyState: 'No stages.',
        columns: [
          { key: 'StageName', label: 'Stage', render: (r) => h('code', {}, r.StageName) },
          { key: 'AutoDeploy', label: 'Auto-deploy', render: (r) => (r.AutoDeploy ? 'Yes' : 'No') },
          { key: 'burst', label: 'Throttling burst', align: 'right', sort: (r) => r.DefaultRouteSettings?.ThrottlingBurstLimit,
            render: (r) => fmt.number(r.DefaultRouteSettings?.ThrottlingBurstLimit) },
          { key: 'rate', label: 'Throttling rate (req/s)', align: 'right', sort: (r) => r.DefaultRouteSettings?.ThrottlingRateLimit,
            render: (r) => fmt.number(r.DefaultRouteSettings?.ThrottlingRateLimit) },
          { key: 'LastUpdatedDate', label: 'Last updated', render: (r) => fmt.date(r.LastUpdatedDate || r.CreatedDate) },
        ],
        rows: stages,
      }),
      authorizers.length ? [h('h3', {}, 'Authorizers'), table({
        test: 'api-authorizers', emptyState: 'No authorizers.',
        columns: [
          { key: 'Name', label: 'Name' },
          { key: 'AuthorizerType', label: 'Type' },
          { key: 'IdentitySource', label: 'Identity source', render: (r) => [].concat(r.IdentitySource || []).join(', ') },
          { key: 'AuthorizerUri', label: 'Function', render: (r) => fnOfUri(r.AuthorizerUri) || (r.JwtConfiguration ? `JWT ${r.JwtConfiguration.Issuer || ''}` : '\u2014') },
        ],
        rows: authorizers,
      })] : null,
      tester(id, routes));
  } catch (e) {
    body.replaceChildren();
    showError(e, body);
  }
}

function tester(id, routes) {
  const first = routes.map((r) => r.RouteKey).find((k) => k && k !== '$default') || 'GET /';
  const [m0, p0] = first.split(' ');
  const method = h('select', { 'data-test': 'tester-method', 'aria-label': 'Method' },
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => h('option', { selected: m === (m0 === 'ANY' ? 'GET' : m0) }, m)));
  const path = h('input', { 'data-test': 'tester-path', 'aria-label': 'Path', value: (p0 || '/').replace(/\{[^}]+\}/g, 'x'), spellcheck: 'false' });
  const body = h('textarea', { 'data-test': 'tester-body', 'aria-label': 'Request body', placeholder: 'Request body (optional)' });
  const out = h('div', { class: 'response', 'data-test': 'tester-response', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', 'data-test': 'tester-send' }, 'Send');
  const form = h('form', { class: 'tester', onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(out);
    send.disabled = true;
    const p = path.value.trim().replace(/^\/+/, '');
    const url = `/_outlet/apis/${id}/${p}`;
    const t0 = performance.now();
    try {
      const init = { method: method.value, credentials: 'omit' };
      if (body.value && !['GET', 'HEAD'].includes(method.value)) {
        init.body = body.value;
        init.headers = { 'Content-Type': /^\s*[[{]/.test(body.value) ? 'application/json' : 'text/plain' };
      }
      const r = await fetch(url, init);
      const text = await r.text();
      const ms = performance.now() - t0;
      const headers = [...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      let pretty = text;
      try { if (text && /json/.test(r.headers.get('content-type') || '')) pretty = JSON.stringify(JSON.parse(text), null, 2); } catch { /* as is */ }
      out.replaceChildren(
        h('p', {}, h('strong', { 'data-test': 'tester-status', class: r.ok ? 'status-ok' : 'status-failed' }, `${r.status} ${r.statusText}`),
          h('span', { class: 'muted' }, ` \u00b7 ${fmt.ms(ms)} \u00b7 ${method.value} ${url}`)),
        h('details', {}, h('summary', {}, 'Headers'), h('pre', { 'data-test': 'tester-headers' }, headers)),
        h('pre', { 'data-test': 'tester-body-out' }, pretty || '(empty body)'));
    } catch (ex) {
      out.replaceChildren();
      showError(ex, out);
    } finally {
      send.disabled = false;
    }
  } }, method, path, send, body);
  return h('details', { class: 'tester-box' }, h('summary', {}, h('strong', {}, 'Test a request')), form, out);
}

async function functionUrls(host, s, alive) {
  host.replaceChildren(h('h2', {}, 'Function URLs'), loading('Looking for function URLs\u2026'));
  const rows = [];
  const tbl = table({
    test: 'function-urls-table', rowTest: 'function-url-row', sortKey: 'name',
    emptyState: emptyState('No function has a URL. Give one an HTTPS endpoint:',
      `aws lambda create-function-url-config --endpoint-url ${s.endpoint} --function-name my-function --auth-type NONE`),
    columns: [
      { key: 'name', label: 'Function', render: (r) => h('a', { href: `#/functions/${encodeURIComponent(r.name)}/url` }, r.name) },
      { key: 'url', label: 'URL', render: (r) => h('a', { href: r.url, target: '_blank', rel: 'noopener' }, r.url) },
      { key: 'auth', label: 'Auth type' },
    ],
  });
  try {
    const names = [];
    let marker = null;
    do {
      const q = new URLSearchParams({ MaxItems: '50' });
      if (marker) q.set('Marker', marker);
      const page = await api.lambda('GET', `/2015-03-31/functions/?${q}`);
      names.push(...(page.Functions || []).map((f) => f.FunctionName));
      marker = page.NextMarker;
    } while (marker && alive());
    if (!alive()) return;
    host.replaceChildren(h('h2', {}, 'Function URLs'), tbl);
    // GetFunctionUrlConfig per function, 6 at a time; 404 = no URL.
    let next = 0;
    const worker = async () => {
      while (next < names.length && alive()) {
        const name = names[next++];
        try {
          const c = await api.lambda('GET', `/2021-10-31/functions/${encodeURIComponent(name)}/url`);
          if (c && c.FunctionUrl) { rows.push({ name, url: c.FunctionUrl, auth: c.AuthType }); update(tbl, rows.slice()); }
        } catch (e) {
          if (e.status !== 404) throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
  } catch (e) {
    if (alive()) showError(e, host);
  }
}
