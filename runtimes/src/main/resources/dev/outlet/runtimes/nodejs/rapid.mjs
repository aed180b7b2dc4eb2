// The Runtime API client (2018-06-01): HTTP/1.1 over one kept-alive TCP connection, unref'd
// while idle so that it never keeps the event loop alive on its own (callbackWaitsForEmptyEventLoop
// and the never-settled-promise check depend on that).
//
// Start-up cost decides how it is built. Outlet starts Node.js with V8 flags (--expose-gc, heap
// sizes), and any V8 flag makes Node.js compile its own modules without their code cache: loading
// node:http then costs ~14 ms, node:net ~10 ms (most of it node:stream), plus ~3 ms compiling
// their first request's code paths; all of it before the first GET /next. So the client speaks
// HTTP itself (a few dozen lines for one known server), over Node.js' TCP handle (the
// tcp_wrap binding node:net is built on: ~0.3 ms) when it has the shape this file expects, and over
// node:net otherwise (OUTLET_NODEJS_TRANSPORT=net forces that). node:stream is loaded only for
// response streaming.

import { createRequire } from 'node:module';
import { InvalidStreamingOperation } from './lib.mjs';

const require = createRequire(import.meta.url);

const BASE = '/2018-06-01/runtime/';
const CRLF = Buffer.from('\r\n');
const CRLF2 = Buffer.from('\r\n\r\n');
let host;
let port;
let hostHeader;
let shared;
let openLink;

/** Sets the Runtime API address ("host:port"); `transport` "net" avoids the TCP handle. */
export function connect(api, transport = process.env.OUTLET_NODEJS_TRANSPORT) {
  if (!api) throw new Error('Missing Runtime API Server configuration.');
  const colon = api.lastIndexOf(':');
  host = api.substring(0, colon).replace(/^\[|\]$/g, '');
  port = Number(api.substring(colon + 1));
  hostHeader = 'Host: ' + api + '\r\nUser-Agent: outlet-nodejs-runtime\r\n';
  const wrap = transport === 'net' ? null : tcpWrap();
  openLink = wrap ? (conn) => wrapLink(wrap, conn) : netLink;
  shared = new Connection();
  return wrap ? 'tcp_wrap' : 'net';
}

// ---------------------------------------------------------------------------------------------
// Links: a connected byte pipe with write(data, done), ref(), unref(), destroy(); it calls
// conn.data(buffer) with what arrives and conn.broken(link, error) once when it fails or closes.

function closed() {
  return new Error('the Runtime API closed the connection');
}

function netLink(conn) {
  const s = require('net').connect(port, host);
  s.setNoDelay(true);
  const link = {
    write: (data, done) => s.write(data, done),
    ref: () => s.ref(),
    unref: () => s.unref(),
    destroy: () => s.destroy(),
  };
  s.on('data', (d) => conn.data(d));
  s.on('error', (e) => conn.broken(link, e));
  s.on('close', () => conn.broken(link, closed()));
  return link;
}

/** The tcp_wrap and stream_wrap bindings, if they have every member used here; else null. */
function tcpWrap() {
  try {
    const quiet = process.noDeprecation;
    let tcp, stream, uv;
    process.noDeprecation = true;
    try {
      tcp = process.binding('tcp_wrap');
      stream = process.binding('stream_wrap');
      uv = process.binding('uv');
    } finally {
      process.noDeprecation = quiet;
    }
    const proto = tcp.TCP?.prototype;
    const ok =
      typeof tcp.TCPConnectWrap === 'function' &&
      typeof tcp.constants?.SOCKET === 'number' &&
      typeof stream.WriteWrap === 'function' &&
      stream.streamBaseState instanceof Int32Array &&
      [stream.kReadBytesOrError, stream.kArrayBufferOffset, stream.kLastWriteWasAsync].every(
        (k) => typeof k === 'number',
      ) &&
      ['connect', 'connect6', 'readStart', 'writeUtf8String', 'writeBuffer', 'setNoDelay', 'ref', 'unref', 'close'].every(
        (m) => typeof proto?.[m] === 'function',
      ) &&
      typeof uv.errname === 'function' &&
      typeof uv.UV_EOF === 'number';
    return ok ? { tcp, stream, uv } : null;
  } catch {
    return null;
  }
}

function wrapLink({ tcp, stream, uv }, conn) {
  const state = stream.streamBaseState;
  const handle = new tcp.TCP(tcp.constants.SOCKET);
  const inflight = new Set(); // write requests (and their data) until libuv is done with them
  let queued = []; // writes made before the connection is up
  let dead = false;
  const fail = (status, what) => {
    if (dead) return;
    dead = true;
    handle.close();
    const err =
      status === uv.UV_EOF ? closed() : new Error(`Runtime API ${what} failed: ${uv.errname(status)}`);
    conn.broken(link, err);
  };
  const send = (data, done) => {
    if (dead) return;
    const req = new stream.WriteWrap();
    req.handle = handle;
    req.data = data;
    req.oncomplete = (status) => {
      inflight.delete(req);
      if (status < 0) fail(status, 'write');
      else done?.();
    };
    req.async = false;
    const err =
      typeof data === 'string' ? handle.writeUtf8String(req, data) : handle.writeBuffer(req, data);
    if (err) return fail(err, 'write');
    if (state[stream.kLastWriteWasAsync]) inflight.add(req);
    else done?.();
  };
  const link = {
    write(data, done) {
      if (queued) queued.push([data, done]);
      else send(data, done);
    },
    ref: () => dead || handle.ref(),
    unref: () => dead || handle.unref(),
    destroy() {
      if (dead) return;
      dead = true;
      handle.close();
    },
  };
  handle.onread = (arrayBuffer) => {
    const n = state[stream.kReadBytesOrError];
    if (n > 0) conn.data(Buffer.from(arrayBuffer, state[stream.kArrayBufferOffset], n));
    else if (n < 0) fail(n, 'read');
  };
  const req = new tcp.TCPConnectWrap();
  req.oncomplete = (status) => {
    if (status < 0) return fail(status, 'connect');
    handle.setNoDelay(true);
    const err = handle.readStart();
    if (err) return fail(err, 'read');
    const pending = queued;
    queued = null;
    for (const [data, done] of pending) send(data, done);
  };
  req.address = host;
  req.port = port;
  const err = host.includes(':') ? handle.connect6(req, host, port) : handle.connect(req, host, port);
  if (err) process.nextTick(() => fail(err, 'connect'));
  return link;
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1, one request at a time.

class Connection {
  constructor() {
    this.link = null;
    this.queue = [];
    this.current = null;
    this.head = null; // the response being read: {status, headers, length, chunked, close, parts, got}
    this.pending = null; // bytes of a response head not yet complete
  }

  /** Sends `bytes` (a whole request) and resolves to {status, headers, body: Buffer}. */
  send(bytes) {
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      if (!this.current) this.pump();
    });
  }

  /** For a request its caller writes itself (a streamed response): the link, and the answer. */
  exclusive() {
    const answer = this.send(undefined);
    return { link: this.link, answer };
  }

  /** Writes the next queued request; with none left, lets the process exit if it has nothing else. */
  pump() {
    const r = this.queue.shift();
    if (!r) {
      this.current = null;
      this.link?.unref();
      return;
    }
    this.current = r;
    if (!this.link) this.link = openLink(this);
    this.link.ref();
    if (r.bytes !== undefined) this.link.write(r.bytes);
  }

  broken(link, err) {
    if (link !== this.link) return;
    if (this.head && this.head.length < 0 && !this.head.chunked) {
      // A response without a length ends with its connection.
      this.head.close = true;
      this.finish();
      return;
    }
    this.link = null;
    this.head = null;
    this.pending = null;
    link.destroy();
    const r = this.current;
    if (r) {
      this.current = null;
      r.reject(err);
      this.pump();
    }
  }

  data(chunk) {
    while (chunk && chunk.length) {
      if (!this.head) {
        const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
        const end = buf.indexOf(CRLF2);
        if (end < 0) {
          this.pending = buf;
          return;
        }
        this.pending = null;
        this.head = parseHead(buf.latin1Slice(0, end));
        chunk = buf.subarray(end + 4);
        if (this.head.length === 0) this.finish();
        continue;
      }
      const h = this.head;
      h.parts.push(chunk);
      h.got += chunk.length;
      chunk = null;
      if (h.chunked) {
        const all = h.parts.length === 1 ? h.parts[0] : Buffer.concat(h.parts);
        h.parts = [all];
        const body = dechunk(all);
        if (body) {
          h.parts = [body];
          this.finish();
        }
      } else if (h.length >= 0 && h.got >= h.length) {
        const all = h.parts.length === 1 ? h.parts[0] : Buffer.concat(h.parts);
        h.parts = [all.subarray(0, h.length)];
        this.finish();
      }
    }
  }

  finish() {
    const h = this.head;
    this.head = null;
    const body = h.parts.length === 0 ? Buffer.alloc(0) : h.parts.length === 1 ? h.parts[0] : Buffer.concat(h.parts);
    const r = this.current;
    this.current = null;
    if (h.close && this.link) {
      const link = this.link;
      this.link = null;
      link.destroy();
    }
    r?.resolve({ status: h.status, headers: h.headers, body });
    this.pump();
  }

  destroy() {
    this.link?.destroy();
    this.link = null;
  }
}

function parseHead(text) {
  const lines = text.split('\r\n');
  const status = parseInt(lines[0].substring(9, 12), 10);
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.substring(0, colon).trim().toLowerCase();
    const value = line.substring(colon + 1).trim();
    headers[name] = name in headers ? headers[name] + ', ' + value : value;
  }
  const chunked = /\bchunked\b/i.test(headers['transfer-encoding'] || '');
  const declared = headers['content-length'];
  let length = chunked || declared === undefined ? -1 : parseInt(declared, 10);
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) length = 0;
  const close = /\bclose\b/i.test(headers.connection || '');
  return { status, headers, length, chunked, close, parts: [], got: 0 };
}

/** The body of a complete chunked message, or null while more bytes are needed. */
function dechunk(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf(CRLF, at);
    if (eol < 0) return null;
    const size = parseInt(buf.latin1Slice(at, eol), 16);
    if (size === 0) {
      // The last chunk, then trailers (ignored) up to an empty line.
      const bare = buf.length >= eol + 4 && buf[eol + 2] === 13 && buf[eol + 3] === 10;
      if (!bare && buf.indexOf(CRLF2, eol) < 0) return null;
      return Buffer.concat(parts);
    }
    if (buf.length < eol + 2 + size + 2) return null;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

function request(method, path, headers, body, conn = shared) {
  const len = body === undefined ? 0 : Buffer.byteLength(body);
  const head =
    method + ' ' + path + ' HTTP/1.1\r\n' + hostHeader + headers + 'Content-Length: ' + len + '\r\n\r\n';
  return conn.send(typeof body === 'string' ? head + body : head);
}

/** A connection of its own (the shared one may be waiting on /next), closed after one use. */
async function once(method, path, headers, body) {
  const conn = new Connection();
  try {
    return await request(method, path, headers, body, conn);
  } finally {
    conn.destroy();
  }
}

/** Waits for the next invocation: {headers (lower-case names), body (text)}. */
export async function next() {
  const res = await request('GET', BASE + 'invocation/next', '', undefined);
  if (res.status !== 200) {
    throw new Error(`Failed to get next invocation, HTTP status ${res.status}`);
  }
  return { headers: res.headers, body: res.body.toString() };
}

const JSON_TYPE = 'Content-Type: application/json\r\n';

/** Posts a result (JSON text). Any answer is accepted: a 413 is the platform's to report. */
export function postResponse(id, json) {
  return request('POST', BASE + 'invocation/' + encodeURIComponent(id) + '/response', JSON_TYPE, json);
}

/**
 * Posts an invocation error {errorType, errorMessage, trace} with its X-Ray cause (as AWS's
 * client does, without an error-type header). `fresh` uses a connection of its own.
 */
export function postError(id, response, xray, fresh = false) {
  const json = JSON.stringify(response);
  const headers = JSON_TYPE + 'Lambda-Runtime-Function-XRay-Error-Cause: ' + xray + '\r\n';
  const path = BASE + 'invocation/' + encodeURIComponent(id) + '/error';
  return fresh ? once('POST', path, headers, json) : request('POST', path, headers, json);
}

const headerSafe = (v) => String(v).replace(/[^\x20-\x7e]/g, '');

/** Posts an init error, its type in Lambda-Runtime-Function-Error-Type. */
export function postInitError(response) {
  const json = JSON.stringify(response);
  const headers =
    JSON_TYPE + 'Lambda-Runtime-Function-Error-Type: ' + headerSafe(response.errorType) + '\r\n';
  return once('POST', BASE + 'init/error', headers, json);
}

/**
 * A streamed response (Lambda-Runtime-Function-Response-Mode: streaming, chunked, on a connection
 * of its own): `writable` is what the handler writes to (setContentType before the first write),
 * `done` settles with Outlet's answer, fail(response, xray) ends the stream with the error in the
 * trailers Lambda-Runtime-Function-Error-Type and -Body (or posts it to /error when nothing was
 * streamed yet).
 */
export function responseStream(id, highWaterMark) {
  const { Writable } = require('stream');
  const conn = new Connection();
  const { link, answer } = conn.exclusive();
  const done = answer.finally(() => conn.destroy());
  done.catch(() => {});
  let contentType = 'application/octet-stream';
  let started = false;
  let trailers = '';
  const start = () => {
    if (started) return;
    started = true;
    link.write(
      'POST ' + BASE + 'invocation/' + encodeURIComponent(id) + '/response HTTP/1.1\r\n' +
        hostHeader +
        'Lambda-Runtime-Function-Response-Mode: streaming\r\n' +
        'Transfer-Encoding: chunked\r\n' +
        'Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n' +
        'Content-Type: ' + headerSafe(contentType) + '\r\n\r\n',
    );
  };
  const writable = new Writable({
    highWaterMark,
    write(chunk, encoding, callback) {
      start();
      if (chunk.length === 0) return callback();
      link.write(chunk.length.toString(16) + '\r\n');
      link.write(chunk);
      link.write(CRLF, () => callback());
    },
    final(callback) {
      start();
      link.write('0\r\n' + trailers + '\r\n', () => callback());
    },
  });
  const write = writable.write;
  writable.write = function (chunk, encoding, callback) {
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && chunk?.constructor !== Uint8Array) {
      chunk = JSON.stringify(chunk);
    }
    if (!started && typeof writable._onBeforeFirstWrite === 'function') {
      const hook = writable._onBeforeFirstWrite;
      writable._onBeforeFirstWrite = undefined;
      hook((c) => write.call(writable, c));
    }
    return write.call(writable, chunk, encoding, callback);
  };
  writable.setContentType = (type) => {
    if (started || writable.writableLength > 0) {
      throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    }
    contentType = type;
  };
  const fail = (response, xray) => {
    if (!started && writable.writableLength === 0) {
      // Nothing streamed yet: the plain error report says the same, and needs no trailers.
      conn.destroy();
      return postError(id, response, xray);
    }
    return new Promise((resolve) => {
      trailers =
        'Lambda-Runtime-Function-Error-Type: ' + headerSafe(response.errorType) + '\r\n' +
        'Lambda-Runtime-Function-Error-Body: ' +
        Buffer.from(JSON.stringify(response)).toString('base64') + '\r\n';
      if (writable.writableEnded) return resolve();
      writable.end(resolve);
    }).then(() => done);
  };
  return { writable, done, fail };
}
