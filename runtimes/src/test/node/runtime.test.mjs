// End-to-end tests of the Node.js runtime (runtimes/.../nodejs/index.mjs): the runtime runs as a
// child process, started as Outlet starts it, against a fake Runtime API in this process.
// Run: node --test runtimes/src/test/node/

import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INDEX = fileURLToPath(
  new URL('../../main/resources/dev/outlet/runtimes/nodejs/index.mjs', import.meta.url),
);
const FLAGS = [
  '--expose-gc',
  '--max-http-header-size',
  '81920',
  '--max-semi-space-size=6',
  '--max-old-space-size=116',
];

/**
 * Runs the runtime on `files` (the task root) and feeds it `events` (each {body, headers, id}).
 * Resolves when every event has an answer and the runtime waits on /next again (it is then
 * killed), or when the runtime exits. Answers: {posts, nexts, connections, stdout, code, signal}.
 * Each post records the stdout written before the runtime sent it (stdout is a file).
 */
async function run({ files = {}, handler = 'index.handler', env = {}, events = [{}], chunked = false, limit = 15000 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'outlet-node-rt-'));
  const task = join(root, 'task');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(task, name, '..'), { recursive: true });
    writeFileSync(join(task, name), text);
  }
  mkdirSync(task, { recursive: true });
  const outFile = join(root, 'stdout');
  const outFd = openSync(outFile, 'w');
  const state = { posts: [], nexts: 0, connections: 0, answered: 0 };
  let parked = null;
  let child;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const eventList = events.map((e) => ({ id: e.id ?? randomUUID(), ...e }));

  const server = http.createServer({ maxHeaderSize: 4 << 20 }, (req, res) => {
    if (req.method === 'GET' && req.url === '/2018-06-01/runtime/invocation/next') {
      state.nexts++;
      const ev = eventList[state.nexts - 1];
      if (!ev) {
        parked = res;
        if (state.answered >= eventList.length) finish('waiting');
        return;
      }
      const body = Buffer.from(typeof ev.body === 'string' ? ev.body : JSON.stringify(ev.body ?? {}));
      const headers = {
        'Lambda-Runtime-Aws-Request-Id': ev.id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + (ev.timeoutMs ?? 3000)),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
        'Lambda-Runtime-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        'Content-Type': 'application/json',
        ...ev.headers,
      };
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
      if (chunked) {
        res.writeHead(200);
        res.write(body.subarray(0, body.length >> 1));
        setTimeout(() => res.end(body.subarray(body.length >> 1)), 5);
      } else {
        res.setHeader('Content-Length', body.length);
        res.writeHead(200);
        res.end(body);
      }
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const post = {
        path: req.url,
        headers: req.headers,
        trailers: req.trailers,
        body: Buffer.concat(chunks).toString(),
        stdout: readFileSync(outFile, 'utf8'),
        at: Date.now(),
      };
      state.posts.push(post);
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"status":"OK"}');
      if (/\/(response|error)$/.test(req.url)) {
        state.answered++;
        if (state.answered >= eventList.length && parked) finish('waiting');
      }
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;

  child = spawn(process.execPath, [...FLAGS, INDEX], {
    cwd: task,
    stdio: ['ignore', outFd, outFd],
    env: {
      _HANDLER: handler,
      LAMBDA_TASK_ROOT: task,
      LAMBDA_RUNTIME_DIR: join(INDEX, '..'),
      AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: 'f',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/f',
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      PATH: process.env.PATH,
      TMPDIR: tmpdir(),
      // OUTLET_NODEJS_TRANSPORT=net runs the suite over node:net instead of the TCP handle.
      OUTLET_NODEJS_TRANSPORT: process.env.OUTLET_NODEJS_TRANSPORT,
      ...env,
    },
  });
  let exited;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  exit.then(() => finish('exited'));
  const timer = setTimeout(() => finish('timeout'), limit);
  const how = await finished;
  clearTimeout(timer);
  if (!exited) child.kill('SIGKILL');
  const { code, signal } = await exit;
  parked?.destroy();
  server.closeAllConnections?.();
  server.close();
  closeSync(outFd);
  const stdout = readFileSync(outFile, 'utf8');
  rmSync(root, { recursive: true, force: true });
  return { ...state, how, stdout, code: how === 'exited' ? code : null, signal, events: eventList, child };
}

const lines = (text) => text.split('\n').filter((l) => l !== '');
const responses = (r) => r.posts.filter((p) => p.path.endsWith('/response'));
const errors = (r) => r.posts.filter((p) => p.path.endsWith('/error'));

// ---------------------------------------------------------------------------------------------

test('answers events in order over one kept-alive connection; logs land before the result', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async (event, context) => {
        console.log('handling', event.n, 'line one\\nline two');
        return { n: event.n, id: context.awsRequestId };
      };`,
    },
    events: [{ body: { n: 1 } }, { body: { n: 2 } }, { body: { n: 3 } }],
  });
  assert.equal(r.how, 'waiting');
  const res = responses(r);
  assert.equal(res.length, 3);
  res.forEach((p, i) => {
    assert.equal(p.path, `/2018-06-01/runtime/invocation/${r.events[i].id}/response`);
    assert.deepEqual(JSON.parse(p.body), { n: i + 1, id: r.events[i].id });
    assert.equal(p.headers['content-type'], 'application/json');
    // The log line of this invocation was written before its result.
    assert.match(p.stdout, new RegExp(`\\t${r.events[i].id}\\tINFO\\thandling ${i + 1} line one\\rline two\\n`));
  });
  assert.equal(r.connections, 1);
  assert.equal(r.nexts, 4);
  for (const line of lines(r.stdout)) {
    assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tINFO\thandling \d line one\rline two$/);
  }
});

test('a result that is undefined is null; a string is JSON', async () => {
  const r = await run({
    files: { 'index.js': 'exports.handler = async (e) => (e.s ? "text" : undefined);' },
    events: [{ body: {} }, { body: { s: 1 } }],
  });
  assert.deepEqual(responses(r).map((p) => p.body), ['null', '"text"']);
});

test('callback: waits for the event loop to empty unless told not to', async () => {
  const files = {
    'index.js': `exports.handler = (event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = event.wait;
      setTimeout(() => console.log('timer done'), 300);
      callback(null, { at: Date.now() });
    };`,
  };
  const waited = await run({ files, events: [{ body: { wait: true } }] });
  let p = responses(waited)[0];
  assert.ok(p.at - JSON.parse(p.body).at >= 280, 'answered after the timer');
  assert.match(p.stdout, /INFO\ttimer done/);
  const early = await run({ files, events: [{ body: { wait: false } }] });
  p = responses(early)[0];
  assert.ok(p.at - JSON.parse(p.body).at < 250, 'answered at once');
  assert.doesNotMatch(p.stdout, /timer done/);
  // The callback warning AWS prints for callback handlers, before the first request id.
  assert.match(early.stdout, /^\S+\tundefined\tWARN\tAWS Lambda plans to remove support for callback-based function handlers/);
});

test('callback handler that never calls back answers null; only the first answer counts', async () => {
  const r = await run({
    files: {
      'index.js': `exports.handler = (event, context, callback) => {
        if (event.twice) { callback(null, 'first'); callback(null, 'second'); context.succeed('third'); }
      };`,
    },
    events: [{ body: {} }, { body: { twice: true } }],
  });
  assert.deepEqual(responses(r).map((p) => p.body), ['null', '"first"']);
});

test('context.succeed, context.fail, context.done', async () => {
  const r = await run({
    files: {
      'index.js': `exports.handler = (event, context) => {
        if (event.m === 'succeed') context.succeed({ ok: 1 });
        else if (event.m === 'fail') context.fail(new Error('nope'));
        else if (event.m === 'failnothing') context.fail();
        else context.done(null, 'done');
      };`,
    },
    events: [{ body: { m: 'succeed' } }, { body: { m: 'fail' } }, { body: { m: 'failnothing' } }, { body: { m: 'done' } }],
  });
  assert.deepEqual(r.posts.map((p) => p.path.split('/').pop()), ['response', 'error', 'error', 'response']);
  assert.equal(JSON.parse(r.posts[1].body).errorMessage, 'nope');
  assert.deepEqual(JSON.parse(r.posts[2].body), { errorType: 'string', errorMessage: 'handled', trace: [] });
});

test('a thrown error: /error body, X-Ray cause, no error-type header, one Invoke Error log line', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async () => { const e = new TypeError('broken'); e.code = 'E1'; throw e; };`,
    },
  });
  const [p] = errors(r);
  const body = JSON.parse(p.body);
  assert.deepEqual(Object.keys(body), ['errorType', 'errorMessage', 'trace']);
  assert.equal(body.errorType, 'TypeError');
  assert.equal(body.errorMessage, 'broken');
  assert.equal(body.trace[0], 'TypeError: broken');
  assert.match(body.trace[1], /^ {4}at Runtime\.handler \(file:\/\/.*index\.mjs:1:\d+\)$/);
  assert.equal(p.headers['lambda-runtime-function-error-type'], undefined);
  assert.equal(p.headers['content-type'], 'application/json');
  const xray = JSON.parse(p.headers['lambda-runtime-function-xray-error-cause']);
  assert.equal(xray.exceptions[0].type, 'TypeError');
  const logged = lines(p.stdout);
  assert.equal(logged.length, 1);
  const [time, id, level, msg] = logged[0].split('\t');
  assert.match(time, /Z$/);
  assert.equal(id, r.events[0].id);
  assert.equal(level, 'ERROR');
  assert.equal(msg, 'Invoke Error ');
  const formatted = JSON.parse(logged[0].split('\t').slice(4).join('\t'));
  assert.equal(formatted.errorType, 'TypeError');
  assert.equal(formatted.code, 'E1');
  assert.ok(Array.isArray(formatted.stack));
});

test('rejections with a string, with nothing, and a sync throw', async () => {
  const r = await run({
    files: {
      'index.js': `exports.handler = (event) => {
        if (event.k === 'string') return Promise.reject('plain');
        if (event.k === 'undefined') return Promise.reject(undefined);
        throw new Error('sync');
      };`,
    },
    events: [{ body: { k: 'string' } }, { body: { k: 'undefined' } }, { body: { k: 'sync' } }],
  });
  const bodies = errors(r).map((p) => JSON.parse(p.body));
  assert.deepEqual(bodies[0], { errorType: 'string', errorMessage: 'plain', trace: [] });
  assert.deepEqual(bodies[1], { errorType: 'string', errorMessage: 'handled', trace: [] });
  assert.equal(bodies[2].errorMessage, 'sync');
});

test('an unserializable result is an error; so is an event that is not JSON', async () => {
  const r = await run({
    files: { 'index.mjs': 'export const handler = async () => ({ n: 10n });' },
    events: [{ body: {} }, { body: 'not json' }],
  });
  const [a, b] = errors(r).map((p) => JSON.parse(p.body));
  assert.equal(a.errorType, 'Error');
  assert.equal(a.errorMessage, 'Unable to stringify response body');
  assert.equal(b.errorType, 'SyntaxError');
});

test('an async handler that never settles: Runtime.NodeJsExit', async () => {
  const r = await run({ files: { 'index.mjs': 'export const handler = async () => new Promise(() => {});' } });
  const body = JSON.parse(errors(r)[0].body);
  assert.equal(body.errorType, 'Runtime.NodeJsExit');
  assert.match(body.errorMessage, /^The Lambda runtime client detected an unexpected Node\.js exit code/);
});

for (const [name, files, handler, type, message] of [
  ['a syntax error', { 'index.mjs': 'export const handler = async ( => 1;' }, 'index.handler', 'Runtime.UserCodeSyntaxError', /^SyntaxError: /],
  ['a missing handler', { 'index.mjs': 'export const other = 1;' }, 'index.handler', 'Runtime.HandlerNotFound', /^index\.handler is undefined or not exported$/],
  ['a handler that is not a function', { 'index.mjs': 'export const handler = 1;' }, 'index.handler', 'Runtime.HandlerNotFound', /^index\.handler is not a function$/],
  ['a missing module', {}, 'index.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'index'/],
  ['a missing dependency', { 'index.js': 'require("left-pad-not-here");' }, 'index.handler', 'Runtime.ImportModuleError', /^Error: Cannot find module 'left-pad-not-here'\nRequire stack:/],
  ['a malformed handler', { 'index.mjs': '' }, 'index', 'Runtime.MalformedHandlerName', /^Bad handler$/],
  ['a top-level throw', { 'index.mjs': 'console.log("init"); throw new RangeError("at init");' }, 'index.handler', 'RangeError', /^at init$/],
]) {
  test(`init error: ${name} is posted to /init/error and the runtime exits`, async () => {
    const r = await run({ files, handler });
    assert.equal(r.how, 'exited');
    assert.equal(r.code, 129);
    assert.equal(r.nexts, 0);
    assert.equal(r.posts.length, 1);
    const [p] = r.posts;
    assert.equal(p.path, '/2018-06-01/runtime/init/error');
    assert.equal(p.headers['lambda-runtime-function-error-type'], type);
    const body = JSON.parse(p.body);
    assert.equal(body.errorType, type);
    assert.match(body.errorMessage, message);
    assert.ok(Array.isArray(body.trace));
    const logged = lines(p.stdout).at(-1);
    assert.match(logged, /^\S+Z\tundefined\tERROR\tUncaught Exception \t\{"errorType":/);
  });
}

test('an unhandled rejection during an invocation is reported for it; the runtime exits 128', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async () => { Promise.reject(new Error('lost')); await new Promise((r) => setTimeout(r, 200)); return 1; };`,
    },
  });
  assert.equal(r.code, 128);
  const body = JSON.parse(errors(r)[0].body);
  assert.equal(body.errorType, 'Runtime.UnhandledPromiseRejection');
  assert.equal(body.errorMessage, 'Error: lost');
  assert.match(r.stdout, /\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime\.UnhandledPromiseRejection","errorMessage":"Error: lost","reason":\{"errorType":"Error"/);
});

test('an uncaught exception during an invocation is reported for it; the runtime exits 129', async () => {
  const r = await run({
    files: { 'index.js': `exports.handler = (e, c, cb) => { setTimeout(() => { throw new Error('from timer'); }, 10); };` },
  });
  assert.equal(r.code, 129);
  const body = JSON.parse(errors(r)[0].body);
  assert.equal(body.errorMessage, 'from timer');
  assert.match(r.stdout, /\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"from timer"/);
});

test('context fields, _X_AMZN_TRACE_ID per invocation, client context and identity', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async (event, context) => ({
        ...JSON.parse(JSON.stringify(context)),
        remaining: context.getRemainingTimeInMillis(),
        waits: context.callbackWaitsForEmptyEventLoop,
        trace: process.env._X_AMZN_TRACE_ID ?? null,
      });`,
    },
    events: [
      {
        body: {},
        timeoutMs: 5000,
        headers: {
          'Lambda-Runtime-Client-Context': '{"custom":{"a":"b"}}',
          'Lambda-Runtime-Cognito-Identity': '{"cognitoIdentityId":"i","cognitoIdentityPoolId":"p"}',
        },
      },
      { body: {}, headers: { 'Lambda-Runtime-Trace-Id': undefined } },
    ],
  });
  const [a, b] = responses(r).map((p) => JSON.parse(p.body));
  assert.equal(a.awsRequestId, r.events[0].id);
  assert.equal(a.functionName, 'f');
  assert.equal(a.functionVersion, '$LATEST');
  assert.equal(a.memoryLimitInMB, '128');
  assert.equal(a.logGroupName, '/aws/lambda/f');
  assert.equal(a.logStreamName, '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef');
  assert.equal(a.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:f');
  assert.deepEqual(a.clientContext, { custom: { a: 'b' } });
  assert.deepEqual(a.identity, { cognitoIdentityId: 'i', cognitoIdentityPoolId: 'p' });
  assert.equal(a.callbackWaitsForEmptyEventLoop, true);
  assert.equal(a.waits, true);
  assert.ok(a.remaining > 4000 && a.remaining <= 5000);
  assert.equal(a.trace, 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
  assert.equal(b.trace, null);
  assert.equal(b.clientContext, undefined);
});

test('JSON log format with a level: records filtered and structured', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async () => {
        console.trace('t'); console.debug('d'); console.info('i'); console.log({ k: 1 });
        console.warn('w', 2); console.error('e', new Error('boom')); console.fatal('f');
        throw new Error('failed');
      };`,
    },
    env: { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'INFO' },
  });
  const records = lines(errors(r)[0].stdout).map((l) => JSON.parse(l));
  assert.deepEqual(records.map((x) => x.level), ['INFO', 'INFO', 'WARN', 'ERROR', 'FATAL', 'ERROR']);
  for (const x of records) {
    assert.match(x.timestamp, /Z$/);
    assert.equal(x.requestId, r.events[0].id);
  }
  assert.equal(records[0].message, 'i');
  assert.deepEqual(records[1].message, { k: 1 });
  assert.equal(records[2].message, 'w 2');
  assert.equal(records[3].errorType, 'Error');
  assert.equal(records[3].errorMessage, 'boom');
  assert.equal(records[5].message.errorType, 'Error');
  assert.equal(records[5].message.errorMessage, 'failed');
  assert.ok(Array.isArray(records[5].message.stackTrace));
});

test('text format: every console level; a level set filters text too', async () => {
  const files = {
    'index.js': `exports.handler = async () => {
      console.trace('t'); console.debug('d'); console.info('i'); console.log('l'); console.warn('w'); console.error('e');
    };`,
  };
  let r = await run({ files });
  assert.deepEqual(lines(r.stdout).map((l) => l.split('\t').slice(2).join(' ')), ['TRACE t', 'DEBUG d', 'INFO i', 'INFO l', 'WARN w', 'ERROR e']);
  r = await run({ files, env: { AWS_LAMBDA_LOG_LEVEL: 'WARN' } });
  assert.deepEqual(lines(r.stdout).map((l) => l.split('\t')[2]), ['WARN', 'ERROR']);
});

test('large events and results, and a chunked /next answer', async () => {
  const big = 'x'.repeat(5 * 1024 * 1024);
  const r = await run({
    files: { 'index.mjs': 'export const handler = async (e) => ({ len: e.s.length, back: e.s });' },
    events: [{ body: { s: big } }, { body: { s: 'small' } }],
    chunked: true,
  });
  const [a, b] = responses(r).map((p) => JSON.parse(p.body));
  assert.equal(a.len, big.length);
  assert.equal(a.back, big);
  assert.equal(b.back, 'small');
});

test('chatty: 20,000 log lines all written before the result', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = async () => {
        process.stdout.write('raw write\\n');
        for (let i = 0; i < 20000; i++) console.log('line', i, 'y'.repeat(200));
        console.log('last');
        return 'ok';
      };`,
    },
  });
  const p = responses(r)[0];
  const logged = lines(p.stdout);
  assert.equal(logged.length, 20002);
  assert.match(logged.at(-1), /\tINFO\tlast$/);
});

test('response streaming: chunks, content type, and errors after the first byte in trailers', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = awslambda.streamifyResponse(async (event, stream, context) => {
        stream.setContentType('text/plain');
        stream.write('Hello ');
        await new Promise((r) => setTimeout(r, 20));
        if (event.fail) throw new Error('mid-stream');
        stream.end('world');
      });`,
    },
    events: [{ body: {} }, { body: { fail: true } }],
  });
  const [ok, failed] = responses(r);
  assert.equal(ok.body, 'Hello world');
  assert.equal(ok.headers['lambda-runtime-function-response-mode'], 'streaming');
  assert.equal(ok.headers['transfer-encoding'], 'chunked');
  assert.equal(ok.headers['content-type'], 'text/plain');
  assert.equal(failed.body, 'Hello ');
  assert.equal(failed.trailers['lambda-runtime-function-error-type'], 'Error');
  const error = JSON.parse(Buffer.from(failed.trailers['lambda-runtime-function-error-body'], 'base64').toString());
  assert.equal(error.errorMessage, 'mid-stream');
});

test('HttpResponseStream: prelude, 8 NULs, then the body', async () => {
  const r = await run({
    files: {
      'index.mjs': `export const handler = awslambda.streamifyResponse(async (event, stream) => {
        stream = awslambda.HttpResponseStream.from(stream, { statusCode: 201, headers: { 'x-a': 'b' } });
        stream.write('body');
        stream.end();
      });`,
    },
  });
  const p = responses(r)[0];
  assert.equal(p.headers['content-type'], 'application/vnd.awslambda.http-integration-response');
  assert.equal(p.body, '{"statusCode":201,"headers":{"x-a":"b"}}' + '\0'.repeat(8) + 'body');
});

test('nodejs24.x: callback handlers are refused at init; a plain function answers its value', async () => {
  const env = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };
  let r = await run({ files: { 'index.js': 'exports.handler = (e, c, cb) => cb(null, 1);' }, env });
  assert.equal(r.code, 129);
  assert.equal(r.posts[0].headers['lambda-runtime-function-error-type'], 'Runtime.CallbackHandlerDeprecated');
  assert.match(r.posts[0].stdout, /\tERROR\tInit Error \t\{"errorType":"Runtime\.CallbackHandlerDeprecated"/);
  r = await run({
    files: { 'index.js': 'exports.handler = (e, context) => ({ v: e.v, done: typeof context.done });' },
    env,
    events: [{ body: { v: 7 } }],
  });
  assert.deepEqual(JSON.parse(responses(r)[0].body), { v: 7, done: 'undefined' });
});

test('SIGTERM while waiting for an event: the runtime exits at once', async () => {
  const started = Date.now();
  const r = await run({
    files: { 'index.mjs': 'export const handler = async () => 1;' },
    events: [{ body: {} }],
  });
  assert.equal(r.how, 'waiting');
  assert.ok(Date.now() - started < 10000);
  // run() killed it with SIGKILL; a fresh one gets SIGTERM.
  const root = mkdtempSync(join(tmpdir(), 'outlet-node-term-'));
  writeFileSync(join(root, 'index.mjs'), 'export const handler = async () => 1;');
  const server = http.createServer(() => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  let waiting;
  const asked = new Promise((resolve) => (waiting = resolve));
  server.on('request', waiting);
  const child = spawn(process.execPath, [...FLAGS, INDEX], {
    cwd: root,
    stdio: 'ignore',
    env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: root, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}` },
  });
  await asked;
  const t = Date.now();
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  const how = await exited;
  assert.ok(Date.now() - t < 1000);
  assert.equal(how.signal, 'SIGTERM');
  server.closeAllConnections?.();
  server.close();
  rmSync(root, { recursive: true, force: true });
});
