// Functions (#/functions): every function (ListFunctions, all pages), joined with /summary's
// invocations and errors for a window; the first page paints at once, the rest are appended.
import * as api from '../api.js';
import { h, table, update, showError, clearErrors, emptyState, fmt, field, fileToBase64, WINDOWS } from '../ui.js';

export const RUNTIMES = ['python3.13', 'python3.12', 'python3.11', 'python3.10', 'python3.9', 'python3.14',
  'nodejs22.x', 'nodejs20.x', 'nodejs24.x', 'nodejs18.x', 'java21', 'java17', 'java11', 'java25', 'java8.al2',
  'provided.al2023', 'provided.al2'];

export function defaultHandler(runtime) {
  if (runtime.startsWith('python')) return 'lambda_function.lambda_handler';
  if (runtime.startsWith('nodejs')) return 'index.handler';
  if (runtime.startsWith('java')) return 'example.Handler::handleRequest';
  return 'bootstrap';
}

const STORE = 'outlet.functions.minutes';

export async function render(main) {
  const s = await api.session();
  let minutes = Number(localStorage.getItem(STORE)) || 1440;
  let stats = new Map();
  let fns = [];
  let rows = [];
  let alive = true;

  const emptyBox = h('div', {}, h('p', { class: 'muted loading' }, 'Loading functions\u2026'));
  const winLabel = () => (WINDOWS.find(([m]) => m === minutes) || [0, `${minutes}m`])[1];
  const invHead = { key: 'invocations', label: `Invocations (${winLabel()})`, align: 'right', width: '9.5rem',
    render: (r) => fmt.number(r.invocations ?? 0), sort: (r) => r.invocations ?? 0 };
  const errHead = { key: 'errors', label: `Errors (${winLabel()})`, align: 'right', width: '8rem',
    render: (r) => h('span', { class: r.errors ? 'status-failed' : null }, fmt.number(r.errors ?? 0)), sort: (r) => r.errors ?? 0 };
  const tbl = table({
    test: 'functions-table', rowTest: 'function-row', filterable: 'functions-filter',
    rowAttrs: (r) => ({ 'data-name': r.name }), sortKey: 'name', emptyState: emptyBox,
    columns: [
      { key: 'name', label: 'Function name', width: '32%', render: (r) => h('a', { href: `#/functions/${encodeURIComponent(r.name)}`, title: r.description || r.name }, r.name) },
      { key: 'runtime', label: 'Runtime', width: '9rem' },
      { key: 'memory', label: 'Memory', align: 'right', width: '6.5rem', render: (r) => fmt.mb(r.memory) },
      { key: 'lastModified', label: 'Last modified', width: '11rem', render: (r) => h('span', { title: r.lastModifiedRaw }, fmt.date(r.lastModified)) },
      invHead, errHead,
    ],
  });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const errHost = h('div', { class: 'errors' });
  const formHost = h('div', {});
  const createBtn = h('button', { type: 'button', class: 'primary', 'data-test': 'create-function',
    'aria-expanded': 'false', onclick: () => toggleForm() }, 'Create function');
  const winSel = h('select', { 'data-test': 'functions-window', 'aria-label': 'Metrics window', onchange: (e) => {
    minutes = Number(e.target.value);
    localStorage.setItem(STORE, String(minutes));
    loadStats();
  } }, WINDOWS.map(([m, l]) => h('option', { value: String(m), selected: m === minutes }, l)));

  main.replaceChildren(h('div', { 'data-test': 'functions' },
    h('div', { class: 'page-head' }, h('h1', {}, 'Functions'), count, h('span', { class: 'spacer' }),
      h('label', { class: 'window-select' }, h('span', { class: 'muted' }, 'Metrics'), winSel), createBtn),
    formHost, errHost, tbl));

  function toggleForm(force) {
    const open = force ?? !formHost.firstChild;
    createBtn.setAttribute('aria-expanded', String(open));
    if (!open) { formHost.replaceChildren(); createBtn.focus(); return; }
    formHost.replaceChildren(createForm(s, () => toggleForm(false)));
    formHost.querySelector('input')?.focus();
  }

  function rowOf(f) {
    const st = stats.get(f.FunctionName);
    return {
      name: f.FunctionName, description: f.Description,
      runtime: f.PackageType === 'Image' ? 'Image' : (f.Runtime || ''),
      memory: f.MemorySize, lastModifiedRaw: f.LastModified,
      lastModified: f.LastModified ? Date.parse(String(f.LastModified).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : null,
      invocations: st ? st.invocations : 0, errors: st ? st.errors : 0,
    };
  }

  function paintCount(done) {
    count.textContent = done ? `${fns.length}` : `${fns.length}\u2026`;
  }

  async function loadStats() {
    try {
      const sum = await api.consoleGet(`/summary?minutes=${minutes}`);
      if (!alive) return;
      stats = new Map((sum.functions || []).map((f) => [f.name, f]));
      invHead.label = `Invocations (${winLabel()})`;
      errHead.label = `Errors (${winLabel()})`;
      const ths = tbl.querySelectorAll('th button.sort');
      ths[4].firstChild.textContent = invHead.label;
      ths[5].firstChild.textContent = errHead.label;
      rows = fns.map(rowOf);
      update(tbl, rows);
    } catch (e) {
      if (alive) showError(e, errHost);
    }
  }

  // pages arrive every ~15 ms: the first is drawn at once, then the table is redrawn at most every
  // 300 ms and once at the end (redrawing a growing table per page made 1,000 rows take seconds)
  let lastPaint = -Infinity;
  let timer = null;
  function paintSoon(final) {
    const now = performance.now();
    if (final || now - lastPaint >= 300) {
      clearTimeout(timer);
      timer = null;
      lastPaint = now;
      update(tbl, rows);
    } else if (!timer) {
      timer = setTimeout(() => { timer = null; lastPaint = performance.now(); if (alive) update(tbl, rows); }, 300 - (now - lastPaint));
    }
  }

  async function loadFunctions() {
    let marker = null;
    try {
      do {
        const q = new URLSearchParams({ MaxItems: '50' });
        if (marker) q.set('Marker', marker);
        const page = await api.lambda('GET', `/2015-03-31/functions/?${q}`);
        if (!alive) return;
        const got = page.Functions || [];
        fns = fns.concat(got);
        rows = rows.concat(got.map(rowOf)); // earlier row objects are reused: only new <tr>s are built
        marker = page.NextMarker || null;
        paintSoon(!marker);
        paintCount(!marker);
      } while (marker);
      if (!fns.length) {
        emptyBox.replaceChildren(emptyState('No functions yet. Create one with the button above, or with the AWS CLI:',
          `aws lambda create-function --endpoint-url ${s.endpoint} --function-name my-function \\\n  --runtime python3.12 --handler lambda_function.lambda_handler \\\n  --role arn:aws:iam::${s.accountId}:role/lambda-role --zip-file fileb://function.zip`));
      }
      clearErrors(errHost);
    } catch (e) {
      if (!alive) return;
      emptyBox.replaceChildren();
      showError(e, errHost);
    }
  }

  loadFunctions();
  loadStats();
  return () => { alive = false; };
}

function createForm(s, close) {
  const name = h('input', { 'data-test': 'create-name', required: true, pattern: '[A-Za-z0-9_\\-]{1,64}', maxlength: '64',
    placeholder: 'my-function', autocomplete: 'off', spellcheck: 'false' });
  const runtime = h('select', { 'data-test': 'create-runtime' }, RUNTIMES.map((r) => h('option', { value: r, selected: r === 'python3.12' }, r)));
  const handler = h('input', { 'data-test': 'create-handler', value: defaultHandler('python3.12'), spellcheck: 'false' });
  const role = h('input', { 'data-test': 'create-role', value: `arn:aws:iam::${s.accountId}:role/lambda-role`, spellcheck: 'false' });
  const memory = h('input', { 'data-test': 'create-memory', type: 'number', min: '128', max: '10240', step: '1', value: '128' });
  const timeout = h('input', { 'data-test': 'create-timeout', type: 'number', min: '1', max: '900', value: '3' });
  const zip = h('input', { 'data-test': 'create-zip', type: 'file', accept: '.zip,application/zip' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'create-submit' }, 'Create function');
  const errs = h('div', {});
  let lastDefault = handler.value;
  // what this host serves first (a runtime it cannot run would be created, then fail to start)
  api.consoleGet('/runtimes').then(({ runtimes }) => {
    const served = runtimes.filter((r) => r.available).map((r) => r.runtime)
      .concat(['provided.al2023', 'provided.al2'].filter((r) => !runtimes.some((x) => x.runtime === r)));
    const others = RUNTIMES.filter((r) => !served.includes(r));
    const pick = served.find((r) => r.startsWith('python')) || served[0] || 'python3.12';
    runtime.replaceChildren(
      h('optgroup', { label: 'Served by this host' }, served.map((r) => h('option', { value: r, selected: r === pick }, r))),
      h('optgroup', { label: 'Not installed here' }, others.map((r) => h('option', { value: r }, r))));
    if (handler.value === lastDefault) handler.value = defaultHandler(pick);
    lastDefault = defaultHandler(pick);
  }).catch(() => {});
  runtime.addEventListener('change', () => {
    if (handler.value === lastDefault) handler.value = defaultHandler(runtime.value);
    lastDefault = defaultHandler(runtime.value);
  });
  const form = h('form', { class: 'card', 'data-test': 'create-form', onsubmit: async (e) => {
    e.preventDefault();
    clearErrors(errs);
    submit.disabled = true;
    try {
      let zipB64;
      if (zip.files && zip.files[0]) zipB64 = await fileToBase64(zip.files[0]);
      else {
        const sample = sampleZip(runtime.value);
        if (!sample) throw new Error(`Choose a .zip file with the function's code (no sample for ${runtime.value}).`);
        zipB64 = sample;
      }
      const fn = name.value.trim();
      await api.lambda('POST', '/2015-03-31/functions', {
        FunctionName: fn, Runtime: runtime.value, Handler: handler.value.trim(), Role: role.value.trim(),
        MemorySize: Number(memory.value) || 128, Timeout: Number(timeout.value) || 3, Code: { ZipFile: zipB64 },
      });
      location.hash = `#/functions/${encodeURIComponent(fn)}`;
    } catch (ex) {
      showError(ex, errs);
      submit.disabled = false;
    }
  } },
  h('h2', {}, 'Create function'),
  field('Function name', name, 'Letters, digits, hyphens and underscores; up to 64.'),
  field('Runtime', runtime),
  field('Handler', handler),
  field('Execution role', role),
  h('div', { class: 'form-row' }, field('Memory (MB)', memory), field('Timeout (s)', timeout)),
  field('Code (.zip)', zip, 'Leave empty for a hello-world sample (Python and Node.js).'),
  errs,
  h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: close }, 'Cancel')));
  return form;
}

// ---- a hello-world zip built in the browser (stored entries, no compression)

const SAMPLES = {
  python: ['lambda_function.py', 'import json\n\ndef lambda_handler(event, context):\n    print("hello from Outlet")\n    return {"statusCode": 200, "body": json.dumps("Hello from Lambda!")}\n'],
  nodejs: ['index.js', 'exports.handler = async (event) => {\n  console.log("hello from Outlet");\n  return { statusCode: 200, body: JSON.stringify("Hello from Lambda!") };\n};\n'],
};

let crcTable;
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A one-file zip (base64) for the runtime's family, or null. */
export function sampleZip(runtime) {
  const fam = runtime.startsWith('python') ? 'python' : runtime.startsWith('nodejs') ? 'nodejs' : null;
  if (!fam) return null;
  const enc = new TextEncoder();
  const [fname, text] = SAMPLES[fam];
  const nameB = enc.encode(fname);
  const data = enc.encode(text);
  const crc = crc32(data);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true);
  local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
  local.setUint16(26, nameB.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true); central.setUint16(4, 0x031e, true); central.setUint16(6, 20, true);
  central.setUint32(16, crc, true); central.setUint32(20, data.length, true); central.setUint32(24, data.length, true);
  central.setUint16(28, nameB.length, true); central.setUint32(38, 0o100644 << 16, true);
  const cdOffset = 30 + nameB.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); end.setUint16(8, 1, true); end.setUint16(10, 1, true);
  end.setUint32(12, 46 + nameB.length, true); end.setUint32(16, cdOffset, true);
  const parts = [local, nameB, data, central, nameB, end].map((p) => (p instanceof DataView ? new Uint8Array(p.buffer) : p));
  let bin = '';
  for (const p of parts) for (const b of p) bin += String.fromCharCode(b);
  return btoa(bin);
}
