// The console's shell: hash router, navigation, session, sign-in page and sign-out.
import * as api from './api.js';
import { h, mount, showError, clearErrors, field } from './ui.js';

const main = document.getElementById('main');
const PAGES = {
  dashboard: ['./pages/dashboard.js', 'Dashboard'],
  functions: ['./pages/functions.js', 'Functions'],
  function: ['./pages/function.js', 'Function'],
  apis: ['./pages/apis.js', 'HTTP APIs'],
  schedules: ['./pages/schedules.js', 'Schedules'],
  queues: ['./pages/queues.js', 'Queues'],
};

let dispose = null;
let navToken = 0;
let afterSignIn = '#/';
let lastKind = null;

/** '#/functions/NAME/TAB' → {kind, params}. */
export function parse(hash) {
  const path = (hash || '').replace(/^#/, '').replace(/^\/+/, '');
  const parts = path.split('/').filter((p) => p !== '');
  const safe = (p) => { try { return decodeURIComponent(p); } catch { return p; } };
  if (!parts.length) return { kind: 'dashboard', params: {} };
  const [head, ...rest] = parts;
  if (head === 'functions' && rest.length) {
    return { kind: 'function', params: { name: safe(rest[0]), tab: rest[1] ? safe(rest[1]) : undefined } };
  }
  if (head === 'signin') return { kind: 'signin', params: {} };
  if (PAGES[head]) return { kind: head, params: { sub: rest.map(safe) } };
  return { kind: 'notfound', params: { path } };
}

function stop() {
  if (typeof dispose === 'function') {
    try { dispose(); } catch (e) { console.error(e); }
  }
  dispose = null;
}

function markNav(kind) {
  const section = kind === 'function' ? 'functions' : kind;
  for (const a of document.querySelectorAll('nav.side a[data-route]')) {
    if (a.dataset.route === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.classList.remove('nav-open');
  document.querySelector('.nav-toggle')?.setAttribute('aria-expanded', 'false');
}

async function route() {
  const token = ++navToken;
  stop();
  clearErrors();
  const { kind, params } = parse(location.hash);
  let s;
  try {
    s = await api.session();
  } catch (e) {
    mount(main, h('h1', {}, 'Outlet console'));
    showError(e, main);
    return;
  }
  if (token !== navToken) return;
  renderSessionInfo(s);
  if (kind === 'signin' || (s.mode === 'iam' && !s.signedIn)) {
    if (kind !== 'signin') afterSignIn = location.hash || '#/';
    markNav('signin');
    signInPage(s);
    return;
  }
  markNav(kind);
  if (kind === 'notfound') {
    document.title = 'Not found · Outlet';
    mount(main, h('h1', {}, 'Page not found'), h('p', {}, 'Nothing lives at ', h('code', {}, `#/${params.path}`), '. ',
      h('a', { href: '#/' }, 'Go to the dashboard'), '.'));
    return;
  }
  const [file, title] = PAGES[kind];
  document.title = `${kind === 'function' ? params.name : title} · Outlet`;
  if (lastKind !== kind) main.replaceChildren(h('p', { class: 'loading muted' }, 'Loading\u2026'));
  try {
    const mod = await import(file);
    if (token !== navToken) return;
    main.replaceChildren();
    const d = await mod.render(main, params);
    if (token !== navToken) { if (typeof d === 'function') d(); return; }
    dispose = d;
  } catch (e) {
    if (token !== navToken) return;
    console.error(e);
    showError(e);
  }
  if (lastKind !== kind && lastKind !== null) main.focus({ preventScroll: true });
  lastKind = kind;
}

function renderSessionInfo(s) {
  const info = document.getElementById('session-info');
  const who = s.principal ? s.principal.replace(/^arn:aws:iam::\d+:/, '') : '';
  info.textContent = s.signedIn ? `${who ? `${who} · ` : ''}${s.accountId || ''} · ${s.region || ''}` : '';
  info.title = s.principal || '';
  document.getElementById('signout').hidden = !s.signedIn;
}

function signInPage(s) {
  document.title = 'Sign in · Outlet';
  const key = h('input', { id: 'signin-key', 'data-test': 'signin-key', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { id: 'signin-secret', 'data-test': 'signin-secret', type: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'signin-error', 'data-test': 'signin-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'signin card', onsubmit: async (e) => {
    e.preventDefault();
    err.hidden = true;
    submit.disabled = true;
    try {
      await api.signIn(key.value.trim(), secret.value);
      await api.session(true);
      const target = afterSignIn && !afterSignIn.startsWith('#/signin') ? afterSignIn : '#/';
      afterSignIn = '#/';
      if (location.hash === target) route(); else location.hash = target;
    } catch (ex) {
      err.textContent = ex.message || 'Sign-in failed';
      err.hidden = false;
      submit.disabled = false;
      secret.select();
    }
  } },
  h('h1', {}, 'Sign in to Outlet'),
  s.mode === 'open'
    ? h('p', { class: 'muted' }, 'This Outlet runs in open mode: you are already signed in as the account root. ', h('a', { href: '#/' }, 'Go to the dashboard'), '.')
    : h('p', { class: 'muted' }, 'Use an access key of an IAM user of account ', h('code', {}, s.accountId || ''), ' (as for the AWS CLI).'),
  field('Access key ID', key), field('Secret access key', secret), err, h('div', { class: 'actions' }, submit));
  mount(main, form);
  key.focus();
}

async function signOut() {
  try {
    await api.signOut();
  } catch (e) {
    showError(e);
    return;
  }
  const s = await api.session(true).catch(() => null);
  stop();
  lastKind = null;
  if (s && s.mode === 'open') { location.hash = '#/'; route(); return; }
  afterSignIn = '#/';
  if (location.hash === '#/signin') route(); else location.hash = '#/signin';
}

// Any 401 from the API (reported through ui.showError or left unhandled) → the sign-in page.
async function unauthorized() {
  const s = await api.session(true).catch(() => null);
  if (s && s.mode === 'open') return; // open mode: the refetch made a new session; stay
  if (parse(location.hash).kind !== 'signin') {
    afterSignIn = location.hash || '#/';
    location.hash = '#/signin';
  }
}
window.addEventListener('outlet:unauthorized', unauthorized);
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof api.ApiError && e.reason.status === 401) { e.preventDefault(); unauthorized(); }
});

document.getElementById('signout').addEventListener('click', signOut);
document.querySelector('.nav-toggle').addEventListener('click', (e) => {
  const open = document.body.classList.toggle('nav-open');
  e.currentTarget.setAttribute('aria-expanded', String(open));
});
window.addEventListener('hashchange', route);
route();
