// The console's one way to Outlet: the session, the signed AWS API proxy and the console API.
// Every call sends the session cookie (same origin) and, on a state change, the CSRF token.

const BASE = '/_outlet/console';

/** What the API answered when it refused: its status, AWS error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
  }
}

let current = null;

/** The session ({mode, signedIn, principal, csrf, region, accountId, endpoint}); cached. */
export async function session(refresh = false) {
  if (!current || refresh) {
    const r = await fetch(`${BASE}/api/session`, { credentials: 'same-origin' });
    current = await r.json();
  }
  return current;
}

export async function signIn(accessKeyId, secretAccessKey) {
  const r = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accessKeyId, secretAccessKey }),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new ApiError(r.status, 'SignInFailed', body.message);
  current = body;
  return body;
}

export async function signOut() {
  await send('DELETE', `${BASE}/api/session`);
  current = null;
}

async function send(method, url, body, headers = {}) {
  const h = { ...headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const s = await session();
    if (s.csrf) h['X-Outlet-Csrf'] = s.csrf;
  }
  const r = await fetch(url, { method, headers: h, body, credentials: 'same-origin' });
  const text = await r.text();
  if (!r.ok) throw error(r, text);
  return { status: r.status, headers: r.headers, text };
}

function error(r, text) {
  let code = r.headers.get('x-amzn-ErrorType') || '';
  code = code.split(':')[0];
  let message = '';
  try {
    const b = JSON.parse(text);
    message = b.message || b.Message || (b.Error && b.Error.Message) || '';
    code = code || b.__type || b.code || (b.Error && b.Error.Code) || '';
    if (code.includes('#')) code = code.split('#').pop();
  } catch {
    const m = /<Message>([^<]*)<\/Message>/.exec(text);
    message = m ? m[1] : text.slice(0, 300);
  }
  if (r.status === 401 && !code) code = 'NotSignedIn';
  return new ApiError(r.status, code, message);
}

function parse(text) {
  return text ? JSON.parse(text) : null;
}

/** A Lambda REST call: JSON in and out. */
export async function lambda(method, path, body, headers) {
  return parse((await lambdaRaw(method, path, body, headers)).text);
}

/** A Lambda REST call, the raw answer: {status, headers, text}. */
export async function lambdaRaw(method, path, body, headers = {}) {
  const h = { ...headers };
  let b = body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    b = JSON.stringify(body);
  }
  if (b !== undefined && b !== null && !h['Content-Type']) h['Content-Type'] = 'application/json';
  return send(method, `${BASE}/aws/lambda${path}`, b, h);
}

const JSON_PROTOCOLS = {
  logs: { prefix: 'Logs_20140328', type: 'application/x-amz-json-1.1' },
  events: { prefix: 'AWSEvents', type: 'application/x-amz-json-1.1' },
  sqs: { prefix: 'AmazonSQS', type: 'application/x-amz-json-1.0' },
};

/** A JSON-protocol call: api.json('logs', 'FilterLogEvents', {...}). */
export async function json(service, operation, body = {}) {
  const p = JSON_PROTOCOLS[service];
  if (!p) throw new Error(`no JSON protocol for ${service}`);
  const r = await send('POST', `${BASE}/aws/${service}/`, JSON.stringify(body), {
    'Content-Type': p.type,
    'X-Amz-Target': `${p.prefix}.${operation}`,
  });
  return parse(r.text);
}

/** A REST call to another service: api.rest('apigateway', 'GET', '/v2/apis'). */
export async function rest(service, method, path, body) {
  const h = {};
  let b = body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    b = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  }
  return parse((await send(method, `${BASE}/aws/${service}${path}`, b, h)).text);
}

/** A console API read: api.consoleGet('/summary?minutes=60'). */
export async function consoleGet(pathAndQuery) {
  return parse((await send('GET', `${BASE}/api${pathAndQuery}`)).text);
}

/** The live tail's URL, for an EventSource. */
export function tailUrl(fn, pattern) {
  const q = new URLSearchParams({ function: fn });
  if (pattern) q.set('filterPattern', pattern);
  return `${BASE}/api/tail?${q}`;
}
