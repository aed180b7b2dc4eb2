// Aliases tab: ListAliases; create, update (with a weighted second version) and delete.
import { h, table, update, fmt, field, dialog, loading, emptyState } from '../../ui.js';
import * as api from '../../api.js';
import { fnPath, enc, errorSlot, fail, clear, section, ep } from './common.js';
import { listVersions } from './versions.js';

function weightsOf(a) {
  return Object.entries((a.RoutingConfig && a.RoutingConfig.AdditionalVersionWeights) || {});
}

function weightText(a) {
  const w = weightsOf(a);
  if (!w.length) return `${a.FunctionVersion}: 100%`;
  const rest = 1 - w.reduce((s, [, x]) => s + x, 0);
  return [`${a.FunctionVersion}: ${fmt.percent(rest)}`, ...w.map(([v, x]) => `${v}: ${fmt.percent(x)}`)].join(', ');
}

export function render(container, ctx) {
  let alive = true;
  let versions = [];
  const errors = errorSlot();
  const create = h('button', { type: 'button', class: 'primary', 'data-test': 'create-alias', onclick: () => edit(null) }, 'Create alias');
  const tbl = table({
    test: 'aliases-table', rowTest: 'alias-row', rowAttrs: (a) => ({ 'data-name': a.Name }),
    columns: [
      { key: 'Name', label: 'Name', render: (a) => h('strong', {}, a.Name) },
      { key: 'FunctionVersion', label: 'Version' },
      { key: 'weights', label: 'Weights', sort: weightText, render: (a) => h('span', { 'data-test': 'alias-weights' }, weightText(a)) },
      { key: 'Description', label: 'Description' },
      { key: 'AliasArn', label: 'ARN', render: (a) => h('code', { class: 'mono small' }, a.AliasArn) },
      { key: 'actions', label: 'Actions', sort: () => '', render: (a) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', class: 'small', 'data-test': 'alias-edit', onclick: () => edit(a) }, 'Edit'),
        h('button', { type: 'button', class: 'small danger', 'data-test': 'alias-delete', onclick: () => remove(a) }, 'Delete')) },
    ],
    sortKey: 'Name', rows: [],
    emptyState: emptyState('No aliases yet. Publish a version, then create an alias pointing at it.',
      `aws lambda create-alias --endpoint-url ${ep(ctx)} --function-name ${ctx.name} --name live --function-version 1`),
  });
  const holder = h('div', {}, loading());
  container.append(section('Aliases', create, errors, holder));


  async function load() {
    try {
      const [r, v] = await Promise.all([
        api.lambda('GET', fnPath(ctx.name, '/aliases?MaxItems=50')),
        listVersions(ctx.name).catch(() => []),
      ]);
      if (!alive) return;
      versions = v.map((x) => x.Version);
      holder.replaceChildren(tbl);
      update(tbl, r.Aliases || []);
    } catch (e) {
      if (alive) { holder.replaceChildren(); fail(errors, e); }
    }
  }

  function versionSelect(test, value, blank) {
    const opts = (blank ? [''] : []).concat(versions.length ? versions : ['$LATEST']);
    if (value && !opts.includes(value)) opts.push(value);
    const sel = h('select', { 'data-test': test }, opts.map((v) => h('option', { value: v }, v || '(none)')));
    sel.value = value || '';
    return sel;
  }

  function edit(a) {
    clear(errors);
    const w = a ? weightsOf(a)[0] : null;
    const name = h('input', { type: 'text', required: true, 'data-test': 'alias-name', value: a ? a.Name : '', disabled: !!a });
    const version = versionSelect('alias-version', a ? a.FunctionVersion : versions.filter((v) => v !== '$LATEST').pop() || '$LATEST');
    const extra = versionSelect('alias-extra-version', w ? w[0] : '', true);
    const weight = h('input', { type: 'number', min: 0, max: 100, step: 'any', 'data-test': 'alias-weight',
      value: w ? String(+(w[1] * 100).toFixed(4)) : '' });
    const desc = h('input', { type: 'text', 'data-test': 'alias-description', value: a ? a.Description || '' : '' });
    dialog({
      title: a ? `Edit alias ${a.Name}` : 'Create alias',
      body: h('div', { class: 'form' },
        field('Name', name), field('Version', version), field('Description', desc),
        h('fieldset', {}, h('legend', {}, 'Weighted alias (optional)'),
          field('Additional version', extra), field('Weight (%)', weight, 'Share of invocations sent to the additional version'))),
      actions: [
        { label: 'Cancel' },
        { label: 'Save', kind: 'primary', test: 'alias-save', onclick: async () => {
          const weights = {};
          if (extra.value) {
            const pct = Number(weight.value);
            if (weight.value.trim() === '' || !(pct >= 0 && pct <= 100)) throw new Error('Weight must be from 0 to 100 %.');
            weights[extra.value] = Math.round(pct * 100) / 10000;
          }
          const body = { FunctionVersion: version.value, Description: desc.value,
            RoutingConfig: { AdditionalVersionWeights: weights } };
          if (a) await api.lambda('PUT', fnPath(ctx.name, `/aliases/${enc(a.Name)}`), body);
          else {
            if (!name.value.trim()) throw new Error('Enter the alias name.');
            await api.lambda('POST', fnPath(ctx.name, '/aliases'), { Name: name.value.trim(), ...body });
          }
          load();
        } },
      ],
    });
  }

  function remove(a) {
    clear(errors);
    dialog({
      title: `Delete alias ${a.Name}?`,
      body: h('p', {}, 'Callers using this alias\u2019s ARN will get ResourceNotFoundException.'),
      actions: [
        { label: 'Cancel' },
        { label: 'Delete', kind: 'danger', test: 'alias-delete-confirm', onclick: async () => {
          await api.lambda('DELETE', fnPath(ctx.name, `/aliases/${enc(a.Name)}`));
          load();
        } },
      ],
    });
  }

  load();
  return () => { alive = false; };
}
