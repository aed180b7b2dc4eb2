// Triggers tab: event source mappings, HTTP API routes integrating the function, and EventBridge
// rules targeting it.
import { h, table, fmt, loading, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { enc, errorSlot, fail, section, ep, badge } from './common.js';

/** Whether an integration URI names this function (its ARN, or its name as an ARN segment). */
export function targetsFunction(uri, arn, name) {
  if (!uri) return false;
  if (arn && uri.includes(arn)) return true;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[:/])${esc}($|[:/])`).test(uri);
}

/** apigatewayv2 answers in camelCase (apiId); accept PascalCase (ApiId) as well. */
const g = (o, key) => (o ? o[key] ?? o[key[0].toLowerCase() + key.slice(1)] : undefined);

async function restPages(path, key = 'Items') {
  const out = [];
  let token = null;
  for (let i = 0; i < 20; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api.rest('apigateway', 'GET', token ? `${path}${sep}nextToken=${enc(token)}` : path);
    out.push(...((r && (r[key] || r.items)) || []));
    token = r && (r.NextToken || r.nextToken);
    if (!token) break;
  }
  return out;
}

/** Rules targeting arn (or one of its versions / aliases), via ListRuleNamesByTarget. */
async function rulesByTarget(arn) {
  const names = [];
  let token = null;
  for (let i = 0; i < 20; i++) {
    const r = await api.json('events', 'ListRuleNamesByTarget', token ? { TargetArn: arn, NextToken: token } : { TargetArn: arn });
    names.push(...((r && r.RuleNames) || []));
    token = r && r.NextToken;
    if (!token) break;
  }
  return Promise.all(names.map(async (n) => {
    try {
      const r = await api.json('events', 'ListRules', { NamePrefix: n });
      return ((r && r.Rules) || []).find((x) => x.Name === n) || { Name: n };
    } catch { return { Name: n }; }
  }));
}

export function render(container, ctx) {
  let alive = true;
  const { name } = ctx;
  const arn = ctx.config.FunctionArn;
  const endpoint = ep(ctx);
  const part = (title) => {
    const errors = errorSlot();
    const holder = h('div', {}, loading());
    container.append(section(title, null, errors, holder));
    return { errors, holder };
  };
  const esm = part('Event source mappings');
  const routes = part('HTTP API routes');
  const rules = part('EventBridge rules');

  (async () => {
    try {
      const r = await api.lambda('GET', `/2015-03-31/event-source-mappings/?FunctionName=${enc(name)}&MaxItems=100`);
      if (!alive) return;
      esm.holder.replaceChildren(table({
        test: 'triggers-mappings', rowTest: 'mapping-row', rowAttrs: (m) => ({ 'data-uuid': m.UUID }),
        columns: [
          { key: 'EventSourceArn', label: 'Source', render: (m) => h('code', { class: 'mono small' }, m.EventSourceArn) },
          { key: 'State', label: 'State', render: (m) => badge(m.State) },
          { key: 'BatchSize', label: 'Batch size', align: 'right' },
          { key: 'LastModified', label: 'Last modified', render: (m) => fmt.date(typeof m.LastModified === 'number' ? m.LastModified * 1000 : m.LastModified) },
          { key: 'LastProcessingResult', label: 'Last result' },
          { key: 'UUID', label: 'UUID', render: (m) => h('code', { class: 'mono small' }, m.UUID) },
        ],
        rows: (r && r.EventSourceMappings) || [],
        emptyState: emptyState('No event source mappings. Connect an SQS queue:',
          `aws lambda create-event-source-mapping --endpoint-url ${endpoint} --function-name ${name} --event-source-arn arn:aws:sqs:us-east-1:123456789012:QUEUE --batch-size 10`),
      }));
    } catch (e) { if (alive) { esm.holder.replaceChildren(); fail(esm.errors, e); } }
  })();

  (async () => {
    try {
      const apis = await restPages('/v2/apis');
      const found = [];
      await Promise.all(apis.map(async (a) => {
        const integrations = (await restPages(`/v2/apis/${enc(g(a, 'ApiId'))}/integrations`))
          .filter((i) => targetsFunction(g(i, 'IntegrationUri'), arn, name));
        if (!integrations.length) return;
        const ids = new Set(integrations.map((i) => `integrations/${g(i, 'IntegrationId')}`));
        for (const rt of await restPages(`/v2/apis/${enc(g(a, 'ApiId'))}/routes`)) {
          if (ids.has(g(rt, 'Target'))) found.push({ api: a, route: rt });
        }
      }));
      if (!alive) return;
      routes.holder.replaceChildren(table({
        test: 'triggers-routes', rowTest: 'route-row',
        columns: [
          { key: 'api', label: 'API', sort: (x) => g(x.api, 'Name'), render: (x) => h('a', { href: '#/apis' }, `${g(x.api, 'Name')} (${g(x.api, 'ApiId')})`) },
          { key: 'route', label: 'Route', sort: (x) => g(x.route, 'RouteKey'), render: (x) => h('code', { class: 'mono' }, g(x.route, 'RouteKey')) },
          { key: 'auth', label: 'Authorization', sort: (x) => g(x.route, 'AuthorizationType'), render: (x) => g(x.route, 'AuthorizationType') || 'NONE' },
          { key: 'url', label: 'Endpoint', sort: () => '', render: (x) => {
            const base = `${endpoint}/_outlet/apis/${g(x.api, 'ApiId')}`;
            return h('code', { class: 'mono small' }, base);
          } },
        ],
        rows: found,
        emptyState: emptyState('No HTTP API route sends requests to this function. Quick-create an API for it:',
          `aws apigatewayv2 create-api --endpoint-url ${endpoint} --name ${name}-api --protocol-type HTTP --target ${arn}`),
      }));
    } catch (e) { if (alive) { routes.holder.replaceChildren(); fail(routes.errors, e); } }
  })();

  (async () => {
    try {
      const details = await rulesByTarget(arn);
      if (!alive) return;
      rules.holder.replaceChildren(table({
        test: 'triggers-rules', rowTest: 'rule-row', rowAttrs: (r) => ({ 'data-name': r.Name }),
        columns: [
          { key: 'Name', label: 'Rule', render: (r) => h('a', { href: '#/schedules' }, r.Name) },
          { key: 'ScheduleExpression', label: 'Schedule / pattern', render: (r) => h('code', { class: 'mono small' }, r.ScheduleExpression || r.EventPattern || '\u2014') },
          { key: 'State', label: 'State', render: (r) => badge(r.State) },
          { key: 'Description', label: 'Description' },
        ],
        rows: details,
        emptyState: emptyState('No EventBridge rule targets this function. Run it every 5 minutes:',
          `aws events put-rule --endpoint-url ${endpoint} --name ${name}-every-5-min --schedule-expression "rate(5 minutes)"\n`
          + `aws events put-targets --endpoint-url ${endpoint} --rule ${name}-every-5-min --targets Id=1,Arn=${arn}`),
      }));
    } catch (e) { if (alive) { rules.holder.replaceChildren(); fail(rules.errors, e); } }
  })();

  return () => { alive = false; };
}
