// Outlet's Node.js runtime (nodejs18.x and later): loads the function named by _HANDLER from
// LAMBDA_TASK_ROOT and serves its invocations through the Runtime API at AWS_LAMBDA_RUNTIME_API,
// behaving as AWS's own Node.js runtime does. Node's built-in modules only. See README.md.

import { createRequire } from 'node:module';
import * as rapid from './rapid.mjs';
import {
  CALLBACK_REMOVED,
  CALLBACK_WARNING,
  CallbackHandlerDeprecated,
  HANDLER_HIGHWATERMARK,
  HANDLER_STREAMING,
  HttpResponseStream,
  LEVELS,
  NodeJsExit,
  UnhandledPromiseRejection,
  fillContext,
  generation,
  handlerMetadata,
  intoError,
  isJsonFormat,
  jsonLine,
  loadModuleV3,
  loadModuleV4,
  minimumLevel,
  parseHandler,
  resolveHandler,
  serializeResult,
  textLine,
  toFormatted,
  toRapidResponse,
  xrayCause,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const { writeSync } = require('fs');
const env = process.env;
const GEN = generation(env.AWS_EXECUTION_ENV, process.versions.node);

// ---------------------------------------------------------------------------------------------
// Logging: every record is written to fd 1 synchronously, so that what the function logged is in
// the pipe before its result is posted (Outlet closes the invocation's log at the result).

const wait = new Int32Array(new SharedArrayBuffer(4));

function writeOut(text) {
  let n;
  try {
    n = writeSync(1, text);
  } catch (e) {
    n = 0;
    if (e.code !== 'EAGAIN') return;
  }
  if (n >= text.length && n === Buffer.byteLength(text)) return;
  // A partial write (the pipe is full and fd 1 is non-blocking): finish it byte-wise.
  const bytes = Buffer.from(text);
  for (let off = n; off < bytes.length; ) {
    try {
      off += writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      if (e.code !== 'EAGAIN') return;
      Atomics.wait(wait, 0, 0, 1);
    }
  }
}

const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
const JSON_FORMAT = isJsonFormat(env.AWS_LAMBDA_LOG_FORMAT);

function logger(level) {
  if (JSON_FORMAT) {
    return (...args) =>
      writeOut(
        jsonLine(new Date().toISOString(), globalThis[REQUEST_ID], globalThis[TENANT_ID], level, args) +
          '\n',
      );
  }
  return (...args) =>
    writeOut(textLine(new Date().toISOString(), globalThis[REQUEST_ID], level, args) + '\n');
}

function patchConsole() {
  const min = minimumLevel(env.AWS_LAMBDA_LOG_LEVEL);
  const nop = () => {};
  for (const level of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']) {
    console[level.toLowerCase()] = LEVELS[level] >= min ? logger(level) : nop;
  }
  console.log = console.info;
  console.fatal = logger('FATAL');
}

/** Logs an error the runtime reports ("Invoke Error", "Uncaught Exception", ...), as AWS does. */
function logError(label, err) {
  if (JSON_FORMAT) console.error(intoError(err));
  else console.error(label, toFormatted(intoError(err)));
}

// ---------------------------------------------------------------------------------------------
// Start-up.

patchConsole();
rapid.connect(env.AWS_LAMBDA_RUNTIME_API);
if (env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA !== '1' && env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA !== 'true') {
  globalThis.awslambda = {
    ...globalThis.awslambda,
    streamifyResponse(handler, options) {
      handler[HANDLER_STREAMING] = 'response';
      if (typeof options?.highWaterMark === 'number') {
        handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
      }
      return handler;
    },
    HttpResponseStream,
  };
}

// The request id the process-wide error handlers report to: none during init (they post an init
// error), then always the latest invocation's.
let reportTo;
let dying = false;

/** Reports an error that ends the process (uncaught exception, unhandled rejection) and exits. */
function die(err, code) {
  if (dying) return;
  dying = true;
  const sent =
    reportTo === undefined ? rapid.postInitError(toRapidResponse(err)) : postError(err, reportTo, true);
  sent.then(
    () => process.exit(code),
    () => process.exit(code),
  );
}

process.on('uncaughtException', (err) => {
  logError('Uncaught Exception', err);
  die(err, 129);
});
process.on('unhandledRejection', (reason, promise) => {
  const err = new UnhandledPromiseRejection(reason, promise);
  logError('Unhandled Promise Rejection', err);
  die(err, 128);
});

let beforeExit = () => {};
if (GEN < 4) process.on('beforeExit', () => beforeExit());

const handlerString = env._HANDLER;
let handler;
let meta;
try {
  if (!handlerString) throw new Error('_HANDLER environment variable is not set');
  const { moduleRoot, moduleName, handlerPath } = parseHandler(handlerString);
  const load = GEN >= 4 ? loadModuleV4 : loadModuleV3;
  const module = await load(env.LAMBDA_TASK_ROOT || process.cwd(), moduleRoot, moduleName, require);
  handler = resolveHandler(module, handlerPath, handlerString, GEN);
  meta = handlerMetadata(handler);
  if (GEN >= 4 && meta.argsNum >= 3 && !meta.streaming) {
    throw new CallbackHandlerDeprecated(CALLBACK_REMOVED);
  }
} catch (err) {
  handler = undefined;
  logError(GEN >= 4 ? 'Init Error' : 'Uncaught Exception', err);
  await rapid.postInitError(toRapidResponse(err)).catch(() => {});
  process.exit(129);
}

if (
  GEN < 4 &&
  meta.argsNum === 3 &&
  !meta.isAsync &&
  !meta.streaming &&
  env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined
) {
  console.warn(CALLBACK_WARNING);
}

// ---------------------------------------------------------------------------------------------
// The invocation loop. The handler is called as a method of a Runtime, as AWS's runtime calls it
// (stack traces read "at Runtime.handler (file:///var/task/index.mjs:...)").

function postError(err, id, fresh = false) {
  return rapid.postError(id, toRapidResponse(err), xrayCause(err, process.cwd()), fresh);
}

function fatalPost(err) {
  console.log(`Unexpected Top Level Error: ${err.toString()}`);
  process.exit(129);
}

function startInvocation(inv) {
  const h = inv.headers;
  const id = h['lambda-runtime-aws-request-id'];
  if (!id) throw new Error('invocation id is missing or invalid');
  globalThis[REQUEST_ID] = id;
  globalThis[TENANT_ID] = h['lambda-runtime-aws-tenant-id'];
  reportTo = id;
  return id;
}

function forwardTrace(h) {
  const trace = h['lambda-runtime-trace-id'];
  if (trace) env._X_AMZN_TRACE_ID = trace;
  else delete env._X_AMZN_TRACE_ID;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

class Runtime {
  constructor(handler) {
    this.handler = handler;
    this.handleOnce =
      GEN >= 4
        ? this.handleOnceV4
        : meta.streaming
          ? this.handleOnceStreaming
          : this.handleOnceNonStreaming;
    this.scheduleNext = () => setImmediate(() => this.runOnce());
  }

  runOnce() {
    this.handleOnce().catch((err) => {
      console.log(`Unexpected Top Level Error: ${err.toString()}`);
      die(err, 129);
    });
  }

  /** nodejs18.x-nodejs22.x: async, callback and context.succeed/fail/done handlers. */
  async handleOnceNonStreaming() {
    const inv = await rapid.next();
    const id = startInvocation(inv);
    const { callback, context, markCompleted } = this.callbackContext(id);
    try {
      // The event loop emptied before the handler answered: a callback handler that never
      // called back answers null; an async one whose promise never settles is an error.
      beforeExit = () => {
        markCompleted();
        if (meta.isAsync) {
          const err = new NodeJsExit();
          logError('Invoke Error', err);
          postError(err, id).then(this.scheduleNext, fatalPost);
        } else {
          rapid.postResponse(id, 'null').then(this.scheduleNext, fatalPost);
        }
      };
      const event = JSON.parse(inv.body);
      forwardTrace(inv.headers);
      const ctx = fillContext(context, inv.headers, env);
      const result = this.handler(event, ctx, callback);
      if (result && typeof result.then === 'function') {
        result.then(ctx.succeed, ctx.fail).catch(ctx.fail);
      }
    } catch (err) {
      callback(err);
    }
  }

  /** The callback, and the context's callbackWaitsForEmptyEventLoop/succeed/fail/done. */
  callbackContext(id) {
    const scheduleNext = this.scheduleNext;
    let waits = true;
    let completed = false;
    let finished = false;

    const fail = (err) => {
      logError('Invoke Error', err);
      postError(err, id).then(scheduleNext, fatalPost);
    };
    const complete = (result) => {
      if (completed) {
        console.error(
          'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
        );
        return;
      }
      completed = true;
      rapid.postResponse(id, serializeResult(result)).then(scheduleNext, fatalPost);
    };
    const callback = (err, result) => {
      beforeExit = () => {};
      if (err !== undefined && err !== null) fail(err);
      else if (!waits) complete(result);
      else beforeExit = () => setImmediate(() => complete(result));
    };
    const done = (err, result) => {
      beforeExit = () => {};
      if (err !== undefined && err !== null) fail(err);
      else complete(result);
    };
    // Only the first of callback/succeed/fail/done counts (a later one is ignored).
    const once =
      (fn) =>
      (...args) => {
        if (!finished) {
          fn(...args);
          finished = true;
        }
      };
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waits;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waits = value;
      },
      succeed: once((result) => done(null, result)),
      fail: once((err) => (err === undefined || err === null ? done('handled') : done(err, null))),
      done: once(done),
    };
    return { callback: once(callback), context, markCompleted: () => (completed = true) };
  }

  /** nodejs24.x and later: (event, context) handlers; a plain function's value is the result. */
  async handleOnceV4() {
    const inv = await rapid.next();
    const id = startInvocation(inv);
    const context = fillContext({}, inv.headers, env, 4);
    forwardTrace(inv.headers);
    const event = JSON.parse(inv.body);
    if (meta.streaming) return this.stream(id, event, context, () => false);
    let body;
    try {
      const result = await this.handler(event, context);
      await nextTurn();
      try {
        body = serializeResult(result);
      } catch (e) {
        e.name = 'Runtime.JSONStringifyError';
        throw e;
      }
    } catch (err) {
      await nextTurn();
      logError('Invoke Error', err);
      await postError(err, id).catch(fatalPost);
      return this.scheduleNext();
    }
    await rapid.postResponse(id, body).catch(fatalPost);
    this.scheduleNext();
  }

  /**
   * Response streaming (awslambda.streamifyResponse): the handler gets a writable stream whose
   * bytes are posted as they come (Lambda-Runtime-Function-Response-Mode: streaming); a failure
   * after the first byte goes in the trailers.
   */
  async handleOnceStreaming() {
    const inv = await rapid.next();
    const id = startInvocation(inv);
    let waits = true;
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waits;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waits = value;
      },
    };
    beforeExit = () => this.scheduleNext();
    const event = JSON.parse(inv.body);
    forwardTrace(inv.headers);
    fillContext(context, inv.headers, env);
    return this.stream(id, event, context, () => waits);
  }

  async stream(id, event, context, waitsForEmptyLoop) {
    const stream = rapid.responseStream(id, meta.highWaterMark);
    const next = () => {
      beforeExit = () => {};
      if (!waitsForEmptyLoop()) this.scheduleNext();
      else beforeExit = () => setImmediate(this.scheduleNext);
    };
    const fail = async (err) => {
      logError('Invoke Error', err);
      await stream.fail(toRapidResponse(err), xrayCause(err, process.cwd())).catch(() => {});
      next();
    };
    try {
      const pending = this.handler(event, stream.writable, context);
      if (!pending || typeof pending.then !== 'function') {
        return fail('Streaming does not support non-async handlers.');
      }
      const result = await pending;
      if (result !== undefined) console.warn('Streaming handlers ignore return values.');
      // end() called and its last bytes still on their way is finished as far as the handler
      // goes: the wait is for them; a stream the handler never ended is the error.
      if (!stream.writable.writableEnded) return fail('Response stream is not finished.');
      await stream.done;
      next();
    } catch (err) {
      await fail(err);
    }
  }
}

new Runtime(handler).scheduleNext();
