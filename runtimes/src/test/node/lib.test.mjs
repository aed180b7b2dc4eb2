// Unit tests of the Node.js runtime's pure logic (runtimes/.../nodejs/lib.mjs): handler strings,
// module resolution, error shapes, log lines, the context. Run: node --test runtimes/src/test/node/

import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNTIME = new URL('../../main/resources/dev/outlet/runtimes/nodejs/', import.meta.url);
const lib = await import(new URL('lib.mjs', RUNTIME));
const req = createRequire(new URL('index.mjs', RUNTIME));

// ---------------------------------------------------------------------------------------------
// Handler strings

test('parseHandler splits module and export path', () => {
  assert.deepEqual(lib.parseHandler('index.handler'), {
    moduleRoot: '',
    moduleName: 'index',
    handlerPath: 'handler',
  });
  assert.deepEqual(lib.parseHandler('src/handlers/app.main'), {
    moduleRoot: 'src/handlers/',
    moduleName: 'app',
    handlerPath: 'main',
  });
  assert.deepEqual(lib.parseHandler('index.a.b.c'), {
    moduleRoot: '',
    moduleName: 'index',
    handlerPath: 'a.b.c',
  });
  assert.deepEqual(lib.parseHandler('/opt/lib/tool.run'), {
    moduleRoot: '/opt/lib/',
    moduleName: 'tool',
    handlerPath: 'run',
  });
});

test('parseHandler refuses a handler without a dot and one with ..', () => {
  assert.throws(() => lib.parseHandler('index'), (e) => {
    assert.equal(e.name, 'Runtime.MalformedHandlerName');
    assert.equal(e.message, 'Bad handler');
    return true;
  });
  assert.throws(() => lib.parseHandler('dir.x/index'), { name: 'Runtime.MalformedHandlerName' });
  assert.throws(() => lib.parseHandler('../up/index.handler'), (e) => {
    assert.equal(e.name, 'Runtime.MalformedHandlerName');
    assert.equal(
      e.message,
      "'../up/index.handler' is not a valid handler name. Use absolute paths when specifying root" +
        ' directories in handler names.',
    );
    return true;
  });
});

test('runtime errors print as Runtime.<Name> and keep their class name', () => {
  const e = new lib.HandlerNotFound('index.handler is undefined or not exported');
  assert.equal(e.name, 'Runtime.HandlerNotFound');
  assert.equal(e.constructor.name, 'HandlerNotFound');
  assert.match(e.stack, /^Runtime\.HandlerNotFound: index\.handler is undefined or not exported\n/);
  for (const [type, name] of [
    [lib.ImportModuleError, 'Runtime.ImportModuleError'],
    [lib.MalformedHandlerName, 'Runtime.MalformedHandlerName'],
    [lib.UserCodeSyntaxError, 'Runtime.UserCodeSyntaxError'],
    [lib.CallbackHandlerDeprecated, 'Runtime.CallbackHandlerDeprecated'],
    [lib.NodeJsExit, 'Runtime.NodeJsExit'],
    [lib.UnhandledPromiseRejection, 'Runtime.UnhandledPromiseRejection'],
  ]) {
    assert.equal(new type('x').name, name);
  }
  const rejection = new lib.UnhandledPromiseRejection(new Error('boom'), Promise.resolve());
  assert.equal(rejection.message, 'Error: boom');
  assert.equal(new lib.UnhandledPromiseRejection(Symbol('s')).message, 'Symbol(s)');
});

test('resolveHandler follows a nested path and reports what is missing', () => {
  const handler = async () => 1;
  assert.equal(lib.resolveHandler({ handler }, 'handler', 'index.handler'), handler);
  assert.equal(lib.resolveHandler({ a: { b: handler } }, 'a.b', 'index.a.b'), handler);
  assert.throws(() => lib.resolveHandler({}, 'handler', 'index.handler'), {
    name: 'Runtime.HandlerNotFound',
    message: 'index.handler is undefined or not exported',
  });
  assert.throws(() => lib.resolveHandler({ a: {} }, 'a.b.c', 'index.a.b.c'), {
    message: 'index.a.b.c is undefined or not exported',
  });
  assert.throws(() => lib.resolveHandler({ handler: 42 }, 'handler', 'index.handler'), {
    name: 'Runtime.HandlerNotFound',
    message: 'index.handler is not a function',
  });
  // Generation 4 (nodejs24.x) also looks under the default export; 3 does not.
  assert.throws(() => lib.resolveHandler({ default: { handler } }, 'handler', 'i.handler', 3));
  assert.equal(lib.resolveHandler({ default: { handler } }, 'handler', 'i.handler', 4), handler);
});

test('handlerMetadata tells async, callback and streaming handlers apart', () => {
  assert.deepEqual(lib.handlerMetadata(async (e, c) => {}), {
    streaming: false,
    highWaterMark: undefined,
    isAsync: true,
    argsNum: 2,
  });
  const cb = (e, c, callback) => {};
  assert.equal(lib.handlerMetadata(cb).isAsync, false);
  assert.equal(lib.handlerMetadata(cb).argsNum, 3);
  const streaming = async (e, s, c) => {};
  streaming[lib.HANDLER_STREAMING] = 'response';
  streaming[lib.HANDLER_HIGHWATERMARK] = '1024';
  assert.deepEqual(lib.handlerMetadata(streaming), {
    streaming: true,
    highWaterMark: 1024,
    isAsync: true,
    argsNum: 3,
  });
  const wrong = async () => {};
  wrong[lib.HANDLER_STREAMING] = 'request';
  assert.throws(() => lib.handlerMetadata(wrong), { name: 'Runtime.MalformedStreamingHandler' });
});

test('generation follows AWS_EXECUTION_ENV, then the Node.js version', () => {
  assert.equal(lib.generation('AWS_Lambda_nodejs18.x', '20.1.0'), 3);
  assert.equal(lib.generation('AWS_Lambda_nodejs20.x', '24.0.0'), 3);
  assert.equal(lib.generation('AWS_Lambda_nodejs22.x', '20.1.0'), 3);
  assert.equal(lib.generation('AWS_Lambda_nodejs24.x', '20.1.0'), 4);
  assert.equal(lib.generation('AWS_Lambda_nodejs26.x', '20.1.0'), 4);
  assert.equal(lib.generation(undefined, '20.11.1'), 3);
  assert.equal(lib.generation(undefined, '24.1.0'), 4);
});

// ---------------------------------------------------------------------------------------------
// Module loading (files written to a temporary task root)

// every task root made here, removed when the file's tests end (a timer did it before, but an
// unref'd timer never fired when the process ended first, and each run left its folders in /tmp)
const roots = [];
after(() => {
  for (const root of roots) {
    rmSync(root, { recursive: true, force: true });
  }
});

function taskRoot(files) {
  const root = mkdtempSync(join(tmpdir(), 'outlet-node-lib-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function load(files, handler, gen = 3) {
  const root = taskRoot(files);
  const { moduleRoot, moduleName, handlerPath } = lib.parseHandler(handler);
  const loader = gen >= 4 ? lib.loadModuleV4 : lib.loadModuleV3;
  const module = await loader(root, moduleRoot, moduleName, req);
  return { root, fn: lib.resolveHandler(module, handlerPath, handler, gen) };
}

test('loads CommonJS index.js', async () => {
  const { fn } = await load({ 'index.js': 'exports.handler = async () => "cjs";' }, 'index.handler');
  assert.equal(await fn(), 'cjs');
});

test('loads an ES module index.mjs', async () => {
  const { fn } = await load(
    { 'index.mjs': 'export const handler = async () => "esm";' },
    'index.handler',
  );
  assert.equal(await fn(), 'esm');
});

test('loads index.js as an ES module when package.json says "type": "module"', async () => {
  const { fn } = await load(
    {
      'package.json': '{"type":"module"}',
      'index.js': 'export const handler = async () => typeof require;',
    },
    'index.handler',
  );
  assert.equal(await fn(), 'undefined');
});

test('the nearest package.json decides, up to a node_modules folder', async () => {
  const { fn } = await load(
    {
      'package.json': '{"type":"module"}',
      'lib/package.json': '{"name":"cjs-inside"}',
      'lib/app.js': 'exports.handler = async () => typeof require;',
    },
    'lib/app.handler',
  );
  assert.equal(await fn(), 'function');
  const root = taskRoot({ 'node_modules/pkg/package.json': '{}' });
  assert.equal(lib.isTypeModule(join(root, 'node_modules')), false);
  rmSync(root, { recursive: true, force: true });
});

test('loads .cjs, a folder and a nested export path', async () => {
  let r = await load({ 'app.cjs': 'exports.lambdaHandler = async () => "cjs ext";' }, 'app.lambdaHandler');
  assert.equal(await r.fn(), 'cjs ext');
  r = await load({ 'src/h/app.mjs': 'export const go = async () => "deep";' }, 'src/h/app.go');
  assert.equal(await r.fn(), 'deep');
  r = await load({ 'lib/index.js': 'exports.run = () => "folder";' }, 'lib.run');
  assert.equal(r.fn(), 'folder');
  r = await load({ 'index.js': 'exports.a = { b: { c: () => "nested" } };' }, 'index.a.b.c');
  assert.equal(r.fn(), 'nested');
});

test('prefers index.js over index.mjs (CommonJS first, as AWS)', async () => {
  const { fn } = await load(
    {
      'index.js': 'exports.handler = () => "js";',
      'index.mjs': 'export const handler = () => "mjs";',
    },
    'index.handler',
  );
  assert.equal(fn(), 'js');
});

test('a syntax error is Runtime.UserCodeSyntaxError', async () => {
  await assert.rejects(load({ 'index.mjs': 'export const handler = ( => 1;' }, 'index.handler'), (e) => {
    assert.equal(e.name, 'Runtime.UserCodeSyntaxError');
    assert.match(e.message, /^SyntaxError: /);
    return true;
  });
  // ES syntax in a .js file without "type": "module": a syntax error where Node.js does not
  // detect module syntax by itself (before 20.19 and 22.7); else it loads, as with Node.js' own
  // require().
  const detects = (() => {
    const root = taskRoot({ 'probe.js': 'export const x = 1;' });
    try {
      return req(join(root, 'probe.js')).x === 1;
    } catch {
      return false;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  })();
  const esmInJs = load({ 'index.js': 'export const handler = () => 1;' }, 'index.handler');
  if (detects) assert.equal((await esmInJs).fn(), 1);
  else await assert.rejects(esmInJs, { name: 'Runtime.UserCodeSyntaxError' });
});

test('a missing CommonJS dependency is Runtime.ImportModuleError with the require stack', async () => {
  await assert.rejects(
    load({ 'index.js': 'require("not-in-the-zip"); exports.handler = 1;' }, 'index.handler'),
    (e) => {
      assert.equal(e.name, 'Runtime.ImportModuleError');
      assert.match(e.message, /^Error: Cannot find module 'not-in-the-zip'\nRequire stack:\n- .*index\.js\n- .*index\.mjs$/);
      return true;
    },
  );
});

test('a missing module file is Runtime.ImportModuleError', async () => {
  await assert.rejects(load({ 'other.js': '' }, 'index.handler'), (e) => {
    assert.equal(e.name, 'Runtime.ImportModuleError');
    assert.match(e.message, /^Error: Cannot find module 'index'\nRequire stack:\n- .*index\.mjs$/);
    return true;
  });
});

test('a missing ES module dependency stays Node.js own error (as AWS)', async () => {
  await assert.rejects(
    load({ 'index.mjs': 'import x from "not-in-the-zip"; export const handler = x;' }, 'index.handler'),
    (e) => {
      assert.equal(e.name, 'Error');
      assert.equal(e.code, 'ERR_MODULE_NOT_FOUND');
      assert.match(e.message, /^Cannot find package 'not-in-the-zip' imported from .*index\.mjs/);
      return true;
    },
  );
});

test('an error thrown at the top level passes through unchanged', async () => {
  await assert.rejects(
    load({ 'index.mjs': 'throw new TypeError("init failed");' }, 'index.handler'),
    { name: 'TypeError', message: 'init failed' },
  );
});

test('generation 4 imports every extension and finds default exports', async () => {
  let r = await load({ 'index.js': 'exports.handler = async () => "cjs via import";' }, 'index.handler', 4);
  assert.equal(await r.fn(), 'cjs via import');
  r = await load({ 'index.mjs': 'export default { handler: async () => "default" };' }, 'index.handler', 4);
  assert.equal(await r.fn(), 'default');
});

// ---------------------------------------------------------------------------------------------
// Error shapes

test('toRapidResponse of an Error: errorType, errorMessage, trace', () => {
  const e = new TypeError('bad\x7Fvalue');
  const r = lib.toRapidResponse(e);
  assert.deepEqual(Object.keys(r), ['errorType', 'errorMessage', 'trace']);
  assert.equal(r.errorType, 'TypeError');
  assert.equal(r.errorMessage, 'bad%7Fvalue');
  assert.equal(r.trace[0], 'TypeError: bad%7Fvalue');
  assert.ok(r.trace.length > 1);
});

test('toRapidResponse of anything else: its type and text, no trace', () => {
  assert.deepEqual(lib.toRapidResponse('plain'), {
    errorType: 'string',
    errorMessage: 'plain',
    trace: [],
  });
  assert.deepEqual(lib.toRapidResponse({ a: 1 }), {
    errorType: 'object',
    errorMessage: '[object Object]',
    trace: [],
  });
  assert.deepEqual(lib.toRapidResponse(42), { errorType: 'number', errorMessage: '42', trace: [] });
  assert.deepEqual(lib.toRapidResponse(null), {
    errorType: 'handled',
    errorMessage:
      'callback called with Error argument, but there was a problem while retrieving one or more' +
      ' of its message, name, and stack',
  });
  // Error-like objects count as errors.
  const like = { name: 'Custom', message: 'm', stack: 'Custom: m\n    at x' };
  assert.deepEqual(lib.toRapidResponse(like), {
    errorType: 'Custom',
    errorMessage: 'm',
    trace: ['Custom: m', '    at x'],
  });
});

test('toFormatted: a tab, then errorType, errorMessage, code, own fields, stack lines', () => {
  const e = new Error('boom');
  e.code = 'E_BOOM';
  e.extra = { n: 1 };
  const text = lib.toFormatted(e);
  assert.equal(text[0], '\t');
  const json = JSON.parse(text.slice(1));
  assert.deepEqual(Object.keys(json), ['errorType', 'errorMessage', 'code', 'extra', 'stack']);
  assert.equal(json.errorType, 'Error');
  assert.equal(json.errorMessage, 'boom');
  assert.equal(json.code, 'E_BOOM');
  assert.deepEqual(json.extra, { n: 1 });
  assert.equal(json.stack[0], 'Error: boom');
  // No code: the key is left out.
  assert.deepEqual(Object.keys(JSON.parse(lib.toFormatted(new Error('x')).slice(1))), [
    'errorType',
    'errorMessage',
    'stack',
  ]);
  // A nested error (a rejection's reason) is expanded too.
  const rejection = new lib.UnhandledPromiseRejection(new Error('inner'), Promise.resolve());
  const nested = JSON.parse(lib.toFormatted(rejection).slice(1));
  assert.equal(nested.errorType, 'Runtime.UnhandledPromiseRejection');
  assert.equal(nested.errorMessage, 'Error: inner');
  assert.equal(nested.reason.errorType, 'Error');
  assert.equal(nested.reason.errorMessage, 'inner');
  assert.deepEqual(nested.promise, {});
  // A cycle falls back to the rapid response.
  const cyclic = new Error('cyclic');
  cyclic.self = cyclic;
  assert.deepEqual(Object.keys(JSON.parse(lib.toFormatted(cyclic).slice(1))), [
    'errorType',
    'errorMessage',
    'trace',
  ]);
});

test('intoError wraps what is not an Error', () => {
  const e = new Error('x');
  assert.equal(lib.intoError(e), e);
  assert.equal(lib.intoError('text').message, 'text');
  assert.equal(lib.intoError({}).message, '[object Object]');
  assert.equal(lib.intoError(Symbol('s')).message, 'Symbol(s)');
});

test('xrayCause: working directory, exceptions with parsed frames, paths; printable ASCII', () => {
  const e = new Error('naïve – ✓');
  e.stack = 'Error: naïve\n    at Runtime.handler (file:///var/task/index.mjs:3:9)\n    at x (/var/task/a.js:1:2)';
  const text = lib.xrayCause(e, '/var/task');
  assert.match(text, /^[\x20-\x7e]*$/);
  const cause = JSON.parse(text);
  assert.equal(cause.working_directory, '/var/task');
  assert.equal(cause.exceptions[0].type, 'Error');
  assert.equal(cause.exceptions[0].message, 'naïve – ✓');
  assert.deepEqual(cause.exceptions[0].stack[1], { path: '/var/task/a.js', line: 1, label: 'x' });
  assert.equal(cause.exceptions[0].stack[0].label, 'Runtime.handler');
  assert.equal(cause.paths.length, 2);
  assert.equal(JSON.parse(lib.xrayCause('plain', '/')).exceptions[0].stack.length, 0);
});

test('serializeResult: JSON, undefined is null, cycles and BigInt fail as AWS', () => {
  assert.equal(lib.serializeResult({ a: [1, 'x'] }), '{"a":[1,"x"]}');
  assert.equal(lib.serializeResult(undefined), 'null');
  assert.equal(lib.serializeResult(null), 'null');
  assert.equal(lib.serializeResult('text'), '"text"');
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => lib.serializeResult(cyclic), { name: 'Error', message: 'Unable to stringify response body' });
  assert.throws(() => lib.serializeResult({ n: 1n }), { message: 'Unable to stringify response body' });
});

// ---------------------------------------------------------------------------------------------
// Log lines

const TIME = '2024-01-02T03:04:05.678Z';
const ID = '0f4a2f4e-9c3b-4d5e-8f7a-1b2c3d4e5f60';

test('textLine: time, request id, level, util.format message; newlines become \\r', () => {
  assert.equal(lib.textLine(TIME, ID, 'INFO', ['hello', 42, { a: 1 }]), `${TIME}\t${ID}\tINFO\thello 42 { a: 1 }`);
  assert.equal(lib.textLine(TIME, undefined, 'WARN', ['%s is %d', 'x', 5]), `${TIME}\tundefined\tWARN\tx is 5`);
  assert.equal(lib.textLine(TIME, ID, 'INFO', ['a\nb\nc']), `${TIME}\t${ID}\tINFO\ta\rb\rc`);
  assert.equal(lib.textLine(TIME, ID, 'INFO', []), `${TIME}\t${ID}\tINFO\tundefined`);
  const err = lib.textLine(TIME, ID, 'ERROR', ['Invoke Error', lib.toFormatted(new Error('boom'))]);
  assert.ok(err.startsWith(`${TIME}\t${ID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom",`));
  assert.ok(!err.includes('\n'));
});

test('jsonLine: timestamp, level, requestId, message (one argument kept as is)', () => {
  assert.equal(
    lib.jsonLine(TIME, ID, undefined, 'INFO', ['hello']),
    `{"timestamp":"${TIME}","level":"INFO","requestId":"${ID}","message":"hello"}`,
  );
  assert.deepEqual(JSON.parse(lib.jsonLine(TIME, ID, undefined, 'INFO', [{ a: [1] }])).message, { a: [1] });
  assert.equal(
    lib.jsonLine(TIME, ID, 'tenant-1', 'DEBUG', ['x']),
    `{"timestamp":"${TIME}","level":"DEBUG","requestId":"${ID}","tenantId":"tenant-1","message":"x"}`,
  );
  assert.equal(
    lib.jsonLine(TIME, undefined, undefined, 'INFO', []),
    `{"timestamp":"${TIME}","level":"INFO"}`,
  );
});

test('jsonLine: several arguments are formatted; the first error adds its fields', () => {
  const e = new TypeError('bad type');
  const r = JSON.parse(lib.jsonLine(TIME, ID, undefined, 'ERROR', ['failed:', e, 7]));
  assert.match(r.message, /^failed: TypeError: bad type\n/);
  assert.equal(r.errorType, 'TypeError');
  assert.equal(r.errorMessage, 'bad type');
  assert.equal(r.stackTrace[0], 'TypeError: bad type');
  assert.deepEqual(Object.keys(r), ['timestamp', 'level', 'requestId', 'message', 'errorType', 'errorMessage', 'stackTrace']);
});

test('jsonLine: a lone error becomes a structured message', () => {
  const e = new RangeError('out of range');
  e.code = 'E_RANGE';
  const r = JSON.parse(lib.jsonLine(TIME, ID, undefined, 'ERROR', [e]));
  assert.equal(r.message.errorType, 'RangeError');
  assert.equal(r.message.errorMessage, 'out of range');
  assert.equal(r.message.stackTrace[0], 'RangeError: out of range');
  assert.equal(r.message.code, 'E_RANGE');
});

test('jsonLine: what JSON cannot hold is formatted instead; the line has no newline', () => {
  const cyclic = { name: 'c' };
  cyclic.self = cyclic;
  const r = JSON.parse(lib.jsonLine(TIME, ID, undefined, 'INFO', [cyclic]));
  assert.equal(typeof r.message, 'string');
  assert.match(r.message, /Circular/);
  assert.equal(JSON.parse(lib.jsonLine(TIME, ID, undefined, 'INFO', [{ n: 1n }])).message, '{ n: 1n }');
  assert.ok(!lib.jsonLine(TIME, ID, undefined, 'INFO', ['a\nb']).includes('\n'));
});

test('log level and format from the environment', () => {
  assert.equal(lib.minimumLevel(undefined), lib.LEVELS.TRACE);
  assert.equal(lib.minimumLevel('warn'), lib.LEVELS.WARN);
  assert.equal(lib.minimumLevel('FATAL'), lib.LEVELS.FATAL);
  assert.equal(lib.minimumLevel('bogus'), lib.LEVELS.TRACE);
  assert.equal(lib.isJsonFormat('JSON'), true);
  assert.equal(lib.isJsonFormat('json'), true);
  assert.equal(lib.isJsonFormat('Text'), false);
  assert.equal(lib.isJsonFormat(undefined), false);
});

// ---------------------------------------------------------------------------------------------
// Context

test('fillContext: fields from the headers and the environment', () => {
  const env = {
    AWS_LAMBDA_FUNCTION_NAME: 'f',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/f',
    AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/02/[$LATEST]abc',
  };
  const deadline = Date.now() + 3000;
  const headers = lib.lowerKeys({
    'Lambda-Runtime-Aws-Request-Id': ID,
    'Lambda-Runtime-Deadline-Ms': String(deadline),
    'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
    'Lambda-Runtime-Client-Context': '{"custom":{"k":"v"}}',
    'Lambda-Runtime-Cognito-Identity': '{"cognitoIdentityId":"id","cognitoIdentityPoolId":"pool"}',
  });
  const ctx = lib.fillContext({}, headers, env);
  assert.equal(ctx.awsRequestId, ID);
  assert.equal(ctx.functionName, 'f');
  assert.equal(ctx.functionVersion, '$LATEST');
  assert.equal(ctx.memoryLimitInMB, '256');
  assert.equal(ctx.logGroupName, '/aws/lambda/f');
  assert.equal(ctx.logStreamName, '2024/01/02/[$LATEST]abc');
  assert.equal(ctx.invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:f');
  assert.deepEqual(ctx.clientContext, { custom: { k: 'v' } });
  assert.deepEqual(ctx.identity, { cognitoIdentityId: 'id', cognitoIdentityPoolId: 'pool' });
  const left = ctx.getRemainingTimeInMillis();
  assert.equal(typeof left, 'number');
  assert.ok(left > 2000 && left <= 3000, String(left));
  // As AWS: JSON.stringify(context) shows the data fields only.
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(ctx))), [
    'functionVersion',
    'functionName',
    'memoryLimitInMB',
    'logGroupName',
    'logStreamName',
    'clientContext',
    'identity',
    'invokedFunctionArn',
    'awsRequestId',
  ]);
  assert.throws(
    () => lib.fillContext({}, { 'lambda-runtime-client-context': '{bad' }, env),
    /^Error: Cannot parse ClientContext as json: SyntaxError/,
  );
});

test('HttpResponseStream.from writes the JSON prelude and 8 NULs before the body', () => {
  const written = [];
  const stream = {
    setContentType(t) {
      this.type = t;
    },
  };
  lib.HttpResponseStream.from(stream, { statusCode: 201, headers: { a: 'b' } });
  assert.equal(stream.type, 'application/vnd.awslambda.http-integration-response');
  stream._onBeforeFirstWrite((c) => written.push(c));
  assert.equal(written[0], '{"statusCode":201,"headers":{"a":"b"}}');
  assert.deepEqual([...written[1]], [0, 0, 0, 0, 0, 0, 0, 0]);
});
