// Tags tab: ListTags / TagResource / UntagResource on the function's ARN.
import { h, table, update, field, loading, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { enc, errorSlot, fail, clear, busy, section, ep } from './common.js';

export function render(container, ctx) {
  let alive = true;
  const arn = ctx.config.FunctionArn;
  const path = `/2017-03-31/tags/${enc(arn)}`;
  const errors = errorSlot();
  const key = h('input', { type: 'text', required: true, maxlength: 128, 'data-test': 'tag-key' });
  const value = h('input', { type: 'text', maxlength: 256, 'data-test': 'tag-value' });
  const add = h('button', { type: 'submit', class: 'primary', 'data-test': 'tag-add' }, 'Add tag');
  const form = h('form', { class: 'form form-row', onsubmit: (e) => { e.preventDefault(); addTag(); } },
    field('Key', key), field('Value', value), add);
  const tbl = table({
    test: 'tags-table', rowTest: 'tag-row', rowAttrs: (t) => ({ 'data-key': t.key }),
    columns: [
      { key: 'key', label: 'Key', render: (t) => h('code', { class: 'mono' }, t.key) },
      { key: 'value', label: 'Value' },
      { key: 'actions', label: 'Actions', sort: () => '', render: (t) => h('button', {
        type: 'button', class: 'small danger', 'data-test': 'tag-remove', 'aria-label': `Remove tag ${t.key}`,
        onclick: (e) => removeTag(t, e.currentTarget) }, 'Remove') },
    ],
    sortKey: 'key', rows: [],
    emptyState: emptyState('No tags. Add one above, or:',
      `aws lambda tag-resource --endpoint-url ${ep(ctx)} --resource ${arn} --tags team=payments`),
  });
  const holder = h('div', {}, loading());
  container.append(section('Tags', null, errors, form, holder));

  async function load() {
    try {
      const r = await api.lambda('GET', path);
      if (!alive) return;
      holder.replaceChildren(tbl);
      update(tbl, Object.entries((r && r.Tags) || {}).map(([k, v]) => ({ key: k, value: v })));
    } catch (e) {
      if (alive) { holder.replaceChildren(); fail(errors, e); }
    }
  }

  async function addTag() {
    clear(errors);
    const k = key.value.trim();
    if (!k) { fail(errors, new Error('Enter the tag key.')); key.focus(); return; }
    await busy(add, async () => {
      try {
        await api.lambda('POST', path, { Tags: { [k]: value.value } });
        key.value = ''; value.value = '';
        await load();
        key.focus();
      } catch (e) { fail(errors, e); }
    });
  }

  async function removeTag(t, button) {
    clear(errors);
    await busy(button, async () => {
      try {
        await api.lambda('DELETE', `${path}?tagKeys=${enc(t.key)}`);
        await load();
      } catch (e) { fail(errors, e); }
    });
  }

  load();
  return () => { alive = false; };
}
