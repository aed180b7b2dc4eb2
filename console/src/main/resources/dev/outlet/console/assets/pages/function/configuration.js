// Configuration tab: memory, timeout, environment, reserved concurrency, description, handler.
import { h, field, fmt } from '../../ui.js';
import * as api from '../../api.js';
import { fnPath, errorSlot, fail, clear, busy, waitUntilUpdated, section } from './common.js';

/** "KEY=value" lines → {KEY: "value"}; throws on a line without "=" or with an empty key. */
export function parseEnv(text) {
  const vars = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trim().startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0 || !key) throw new Error(`Environment line ${i + 1}: expected KEY=value`);
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw new Error(`Environment line ${i + 1}: "${key}" is not a valid variable name`);
    }
    vars[key] = line.slice(eq + 1);
  });
  return vars;
}

export function formatEnv(vars) {
  return Object.entries(vars || {}).map(([k, v]) => `${k}=${v}`).join('\n');
}

function intOrNull(input, lo, hi, label) {
  const t = input.value.trim();
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`${label} must be a whole number from ${lo} to ${hi}.`);
  return n;
}

export function render(container, ctx) {
  const c = ctx.config;
  const image = c.PackageType === 'Image';
  let alive = true;
  const reserved = ctx.fn.Concurrency ? ctx.fn.Concurrency.ReservedConcurrentExecutions : null;
  let savedReserved = reserved ?? null;

  const memory = h('input', { type: 'number', min: 128, max: 10240, step: 1, required: true,
    'data-test': 'config-memory', value: String(c.MemorySize ?? 128) });
  const timeout = h('input', { type: 'number', min: 1, max: 900, step: 1, required: true,
    'data-test': 'config-timeout', value: String(c.Timeout ?? 3) });
  const env = h('textarea', { rows: 6, class: 'mono', spellcheck: 'false', 'data-test': 'config-env',
    placeholder: 'KEY=value', value: formatEnv(c.Environment && c.Environment.Variables) });
  const concurrency = h('input', { type: 'number', min: 0, step: 1, 'data-test': 'config-concurrency',
    placeholder: 'Unreserved', value: reserved == null ? '' : String(reserved) });
  const description = h('input', { type: 'text', maxlength: 256, 'data-test': 'config-description',
    value: c.Description || '' });
  const handler = h('input', { type: 'text', class: 'mono', 'data-test': 'config-handler',
    value: c.Handler || '', disabled: image });
  const errors = errorSlot();
  const status = h('div', { class: 'save-status', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-test': 'config-save' }, 'Save');

  const form = h('form', { class: 'form', novalidate: true, onsubmit: (e) => { e.preventDefault(); submit(); } },
    field('Memory (MB)', memory, '128 to 10,240 MB'),
    field('Timeout (seconds)', timeout, '1 to 900 s'),
    field('Reserved concurrency', concurrency, 'Blank: unreserved (uses the account pool)'),
    field('Handler', handler, image ? 'Set by the image' : 'file.function, e.g. lambda_function.lambda_handler'),
    h('div', { class: 'field-wide' }, field('Description', description)),
    h('div', { class: 'field-wide' }, field('Environment variables', env, 'One KEY=value per line')),
    h('div', { class: 'actions' }, save, status));

  // Reserved concurrency may not be in GetFunction's answer: ask for it.
  if (!ctx.fn.Concurrency) {
    api.lambda('GET', `/2019-09-30/functions/${encodeURIComponent(ctx.name)}/concurrency`).then((r) => {
      const n = r && r.ReservedConcurrentExecutions;
      if (alive && n != null && concurrency.value === '') { concurrency.value = String(n); savedReserved = n; }
    }).catch(() => {});
  }

  async function submit() {
    clear(errors);
    status.replaceChildren();
    let body;
    let conc;
    try {
      const mem = intOrNull(memory, 128, 10240, 'Memory');
      const to = intOrNull(timeout, 1, 900, 'Timeout');
      if (mem == null || to == null) throw new Error('Memory and timeout are required.');
      conc = intOrNull(concurrency, 0, 1e6, 'Reserved concurrency');
      body = { MemorySize: mem, Timeout: to, Description: description.value,
        Environment: { Variables: parseEnv(env.value) } };
      if (!image) body.Handler = handler.value.trim();
    } catch (e) {
      fail(errors, e);
      return;
    }
    await busy(save, async () => {
      try {
        status.textContent = 'Saving\u2026';
        await api.lambda('PUT', fnPath(ctx.name, '/configuration'), body);
        if (conc !== savedReserved) {
          const p = `/2017-10-31/functions/${encodeURIComponent(ctx.name)}/concurrency`;
          if (conc == null) await api.lambda('DELETE', p);
          else await api.lambda('PUT', p, { ReservedConcurrentExecutions: conc });
          savedReserved = conc;
        }
        status.textContent = 'Waiting for the update to finish\u2026';
        await waitUntilUpdated(ctx.name, { isAlive: () => alive });
        if (!alive) return;
        status.replaceChildren(h('span', { class: 'saved', 'data-test': 'config-saved', role: 'status' },
          `Saved at ${fmt.date(Date.now()).slice(11)}`));
        ctx.reload().catch(() => {});
      } catch (e) {
        status.replaceChildren();
        fail(errors, e);
      }
    });
  }

  const info = h('dl', { class: 'kv' },
    [['Package type', c.PackageType || 'Zip'], ['Architecture', (c.Architectures || ['x86_64']).join(', ')],
      ['Role', c.Role], ['Code size', fmt.bytes(c.CodeSize)], ['Ephemeral storage',
        c.EphemeralStorage ? fmt.mb(c.EphemeralStorage.Size) : '\u2014'],
      ['Last modified', fmt.date(c.LastModified)], ['Version', c.Version]]
      .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? '\u2014'))));

  container.append(section('General configuration', null, errors, form), section('Details', null, info));
  return () => { alive = false; };
}
