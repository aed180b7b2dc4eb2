// Function URL tab: GetFunctionUrlConfig; create (AuthType NONE / AWS_IAM) and delete.
import { h, field, fmt, dialog, loading, copyButton, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { enc, errorSlot, fail, clear, busy, section, ep } from './common.js';

export function render(container, ctx) {
  let alive = true;
  const path = `/2021-10-31/functions/${enc(ctx.name)}/url`;
  const errors = errorSlot();
  const body = h('div', { class: 'url-body' }, loading());
  container.append(section('Function URL', null, errors, body));

  async function load() {
    try {
      const c = await api.lambda('GET', path);
      if (alive) showConfig(c);
    } catch (e) {
      if (!alive) return;
      if (e.status === 404) showCreate();
      else { body.replaceChildren(); fail(errors, e); }
    }
  }

  function showConfig(c) {
    const del = h('button', { type: 'button', class: 'danger', 'data-test': 'url-delete', onclick: confirmDelete }, 'Delete URL');
    body.replaceChildren(
      h('dl', { class: 'kv' },
        h('div', {}, h('dt', {}, 'URL'), h('dd', {},
          h('a', { href: c.FunctionUrl, target: '_blank', rel: 'noopener', class: 'mono', 'data-test': 'url-value' }, c.FunctionUrl),
          ' ', copyButton(c.FunctionUrl))),
        h('div', {}, h('dt', {}, 'Auth type'), h('dd', { 'data-test': 'url-auth' }, c.AuthType)),
        h('div', {}, h('dt', {}, 'Invoke mode'), h('dd', {}, c.InvokeMode || 'BUFFERED')),
        h('div', {}, h('dt', {}, 'CORS'), h('dd', {}, c.Cors ? h('code', { class: 'mono small' }, JSON.stringify(c.Cors)) : 'None')),
        h('div', {}, h('dt', {}, 'Created'), h('dd', {}, fmt.date(c.CreationTime)))),
      h('div', { class: 'cli' }, h('pre', {}, h('code', {}, c.AuthType === 'NONE'
        ? `curl ${c.FunctionUrl}`
        : `curl --aws-sigv4 "aws:amz:${ctx.session?.region || 'us-east-1'}:lambda" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" ${c.FunctionUrl}`))),
      h('div', { class: 'toolbar' }, del));
  }

  function showCreate() {
    const auth = h('select', { 'data-test': 'url-auth-type' },
      h('option', { value: 'NONE' }, 'NONE (public: anyone with the URL)'),
      h('option', { value: 'AWS_IAM' }, 'AWS_IAM (SigV4-signed requests only)'));
    const create = h('button', { type: 'submit', class: 'primary', 'data-test': 'url-create' }, 'Create function URL');
    body.replaceChildren(
      emptyState('This function has no URL. Create one to call it over plain HTTPS.',
        `aws lambda create-function-url-config --endpoint-url ${ep(ctx)} --function-name ${ctx.name} --auth-type NONE`),
      h('form', { class: 'form form-row', onsubmit: async (e) => {
        e.preventDefault();
        clear(errors);
        await busy(create, async () => {
          try {
            const c = await api.lambda('POST', path, { AuthType: auth.value });
            if (auth.value === 'NONE') await allowPublic();
            if (alive) showConfig(c);
          } catch (err) { fail(errors, err); }
        });
      } }, field('Auth type', auth), create));
  }

  // As AWS's console does: a NONE URL also needs a resource policy letting anyone invoke it.
  async function allowPublic() {
    try {
      await api.lambda('POST', `/2015-03-31/functions/${enc(ctx.name)}/policy`, {
        StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl',
        Principal: '*', FunctionUrlAuthType: 'NONE' });
    } catch (e) {
      if (e.status !== 409) throw e; // already there
    }
  }

  function confirmDelete() {
    clear(errors);
    dialog({
      title: 'Delete the function URL?',
      body: h('p', {}, 'The URL stops working at once; a new one gets a different address.'),
      actions: [
        { label: 'Cancel' },
        { label: 'Delete', kind: 'danger', test: 'url-delete-confirm', onclick: async () => {
          await api.lambda('DELETE', path);
          if (alive) showCreate();
        } },
      ],
    });
  }

  load();
  return () => { alive = false; };
}
