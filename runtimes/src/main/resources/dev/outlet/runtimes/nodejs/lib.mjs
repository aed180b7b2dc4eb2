// Outlet's Node.js runtime: the pure logic (handler strings, module loading, error shapes, log
// lines, the context object). Nothing here does I/O when imported; index.mjs wires it to the
// Runtime API and to stdout. Behaviour follows AWS's Node.js runtime (aws-lambda-ric 3.x for
// nodejs18.x-nodejs22.x, 4.x for nodejs24.x and later); see README.md next to this file.

import { createRequire } from 'node:module';

// Built-in modules through require: cheaper at start-up than an ES import of each.
const require = createRequire(import.meta.url);
const { format, types } = require('util');
const { existsSync, readFileSync } = require('fs');
const { basename, dirname, join, resolve } = require('path');
const { pathToFileURL } = require('url');

// ---------------------------------------------------------------------------------------------
// Errors the runtime raises. Their names print as "Runtime.<Class>" (a prototype property, as in
// AWS's runtime, so the constructor's own name stays the short one: JSON logs show it).

export class ImportModuleError extends Error {}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
export class UserCodeSyntaxError extends Error {}
export class MalformedStreamingHandler extends Error {}
export class InvalidStreamingOperation extends Error {}
export class CallbackHandlerDeprecated extends Error {}
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly' +
        ' caused by a Promise that was never settled. For more information, see' +
        ' https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}
export class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(safeString(reason));
    this.reason = reason;
    this.promise = promise;
  }
}
for (const type of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  MalformedStreamingHandler,
  InvalidStreamingOperation,
  CallbackHandlerDeprecated,
  NodeJsExit,
  UnhandledPromiseRejection,
]) {
  type.prototype.name = 'Runtime.' + type.name;
}

export const CALLBACK_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with' +
  ' Node.js 24. You will need to update this function to use an async handler to use Node.js 24' +
  ' or later. For more information and to provide feedback on this change, see' +
  ' https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable' +
  ' this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';

export const CALLBACK_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with' +
  ' Node.js 24. You need to modify this function to use a supported handler signature to use' +
  ' Node.js 24 or later. For more information see' +
  ' https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

function safeString(value) {
  try {
    return value === undefined ? undefined : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The runtime generation: 4 (aws-lambda-ric 4.x) for nodejs24.x and later, else 3. */
export function generation(executionEnv, nodeVersion) {
  const m = /^AWS_Lambda_nodejs(\d+)/.exec(executionEnv || '');
  const major = m ? Number(m[1]) : Number(String(nodeVersion || '').split('.')[0]);
  return major >= 24 ? 4 : 3;
}

// ---------------------------------------------------------------------------------------------
// Error shapes.

function looksLikeError(v) {
  return (
    v &&
    typeof v.name === 'string' &&
    v.name &&
    typeof v.message === 'string' &&
    v.message &&
    typeof v.stack === 'string' &&
    v.stack
  );
}

const DEL = /\x7F/g;

/** The body posted to /error and /init/error: {errorType, errorMessage, trace}. */
export function toRapidResponse(error) {
  try {
    if (types.isNativeError(error) || looksLikeError(error)) {
      return {
        errorType: error.name?.replace(DEL, '%7F'),
        errorMessage: error.message?.replace(DEL, '%7F'),
        trace: error.stack.replace(DEL, '%7F').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or' +
        ' more of its message, name, and stack',
    };
  }
}

/** An Error for anything thrown or rejected (a string becomes its message). */
export function intoError(value) {
  if (value instanceof Error) return value;
  try {
    return new Error(value);
  } catch {
    return new Error(safeString(value));
  }
}

function errorAsObject(key, value) {
  if (!(value instanceof Error)) return value;
  const out = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: value.code },
    value,
  );
  if (typeof value.stack === 'string') out.stack = value.stack.split('\n');
  return out;
}

/** The text-format rendering of an error in a log line: a tab, then JSON (errors expanded). */
export function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, errorAsObject);
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

/**
 * The X-Ray cause sent with an invocation error (header Lambda-Runtime-Function-XRay-Error-Cause),
 * escaped to printable ASCII so that it is always a legal header value.
 */
export function xrayCause(error, cwd) {
  try {
    const stack = [];
    if (error && typeof error.stack === 'string') {
      for (const raw of error.stack.split('\n').slice(1)) {
        let line = raw.trim().replace(/[()]/g, '');
        line = line.substring(line.indexOf(' ') + 1);
        const cut = line.lastIndexOf(' ');
        const label = cut >= 0 ? line.slice(0, cut) : '';
        const where = (label ? line.slice(cut + 1) : line).split(':');
        stack.push({ path: where[0], line: parseInt(where[1]), label: label || 'anonymous' });
      }
    }
    const cause = {
      working_directory: cwd,
      exceptions: [{ type: error?.name, message: error?.message, stack }],
      paths: [...new Set(stack.map((f) => f.path))],
    };
    return JSON.stringify(cause).replace(
      /[^\x20-\x7e]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    );
  } catch {
    return '';
  }
}

/** JSON text of a handler's result, as AWS serializes it (undefined is null). */
export function serializeResult(value) {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch {
    throw new Error('Unable to stringify response body');
  }
}

// ---------------------------------------------------------------------------------------------
// Log lines.

export const LEVELS = Object.freeze({
  TRACE: 1,
  DEBUG: 2,
  INFO: 3,
  WARN: 4,
  ERROR: 5,
  FATAL: 6,
});

/** The lowest level written, from AWS_LAMBDA_LOG_LEVEL (everything when unset or unknown). */
export function minimumLevel(value) {
  return LEVELS[String(value ?? '').toUpperCase()] ?? LEVELS.TRACE;
}

/** JSON when AWS_LAMBDA_LOG_FORMAT says JSON (any case), else text. */
export function isJsonFormat(value) {
  return String(value ?? '').toUpperCase() === 'JSON';
}

/**
 * One text-format record, newline-free (a message's own line breaks become \r, so that the
 * record is one log event) and without its final \n.
 */
export function textLine(time, requestId, level, args) {
  const message = args.length === 0 ? format(undefined) : format(...args);
  return (time + '\t' + requestId + '\t' + level + '\t' + message).replace(/\n/g, '\r');
}

function jsonErrorReplacer(key, value) {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value?.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

/** One JSON-format record (AWS_LAMBDA_LOG_FORMAT=JSON), newline-free, without its final \n. */
export function jsonLine(time, requestId, tenantId, level, args) {
  const record = { timestamp: time, level, requestId };
  if (tenantId !== undefined && tenantId !== null) record.tenantId = tenantId;
  let text;
  if (args.length <= 1) {
    record.message = args[0];
    try {
      text = JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = format(record.message);
      text = JSON.stringify(record);
    }
  } else {
    record.message = format(...args);
    for (const arg of args) {
      if (arg instanceof Error) {
        record.errorType = arg?.constructor?.name ?? 'UnknownError';
        record.errorMessage = arg.message;
        record.stackTrace = typeof arg.stack === 'string' ? arg.stack.split('\n') : [];
        break;
      }
    }
    text = JSON.stringify(record);
  }
  return text.replace(/\n/g, '\r');
}

// ---------------------------------------------------------------------------------------------
// Handler strings and module loading.

const RELATIVE = '..';

/**
 * Splits a handler string ("index.handler", "dir/file.handler", "file.a.b") into the folder
 * (relative to the task root, may be ""), the module name and the export path ("a.b").
 */
export function parseHandler(full) {
  if (full.includes(RELATIVE)) {
    throw new MalformedHandlerName(
      `'${full}' is not a valid handler name. Use absolute paths when specifying root` +
        ' directories in handler names.',
    );
  }
  const name = basename(full);
  const moduleRoot = full.substring(0, full.length - name.length);
  const dot = name.indexOf('.');
  if (dot < 0) throw new MalformedHandlerName('Bad handler');
  return { moduleRoot, moduleName: name.substring(0, dot), handlerPath: name.substring(dot + 1) };
}

/**
 * Whether .js files in this folder are ES modules: the nearest package.json decides (its "type"
 * is "module"); the search stops at a node_modules folder and at the file-system root.
 */
export function isTypeModule(folder) {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules')) return false;
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const pkg = JSON.parse(readFileSync(pj));
        if (pkg) return pkg.type === 'module';
      } catch (e) {
        console.warn(
          `${pj} cannot be read, it will be ignored for ES module detection purposes.`,
          e,
        );
        return false;
      }
    }
    if (dir === '/' || dirname(dir) === dir) return false;
  }
}

async function importIfExists(file) {
  return existsSync(file) ? await import(pathToFileURL(file).href) : undefined;
}

function requireIfExists(req, file) {
  return existsSync(file) ? req(file) : undefined;
}

/**
 * Loads the user's module as AWS's runtime 3.x does: the extensionless file (CommonJS); then
 * NAME.js with require unless the nearest package.json says "type": "module"; then NAME.js as an
 * ES module (type module), NAME.mjs as an ES module, NAME.cjs with require; then Node's own
 * resolution from the task root (a package or folder). `req` is a require function made for the
 * runtime's index.mjs (it appears in "Require stack" messages as AWS's does).
 */
export async function loadModuleV3(appRoot, moduleRoot, moduleName, req) {
  const base = resolve(appRoot, moduleRoot, moduleName);
  try {
    const plain = requireIfExists(req, base);
    if (plain) return plain;
    const typeModule = isTypeModule(dirname(base));
    if (!typeModule) {
      const js = requireIfExists(req, base + '.js');
      if (js) return js;
    }
    const loaded =
      (typeModule && (await importIfExists(base + '.js'))) ||
      (await importIfExists(base + '.mjs')) ||
      requireIfExists(req, base + '.cjs');
    if (loaded) return loaded;
    return req(req.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
  } catch (e) {
    throw mapLoadError(e);
  }
}

/** Loads the user's module as AWS's runtime 4.x does: import() of "", .js, .mjs, .cjs in turn. */
export async function loadModuleV4(appRoot, moduleRoot, moduleName, req) {
  const base = resolve(appRoot, moduleRoot, moduleName);
  try {
    for (const ext of ['', '.js', '.mjs', '.cjs']) {
      const loaded = await importIfExists(base + ext);
      if (loaded) return loaded;
    }
    return req(req.resolve(moduleName, { paths: [appRoot, join(appRoot, moduleRoot)] }));
  } catch (e) {
    throw mapLoadError(e);
  }
}

function mapLoadError(e) {
  if (e instanceof SyntaxError) return new UserCodeSyntaxError(e);
  if (e && e.code === 'MODULE_NOT_FOUND') return new ImportModuleError(e);
  return e;
}

function dig(root, path, objectsOnly) {
  let node = root;
  for (const key of path.split('.')) {
    if (objectsOnly ? !node || typeof node !== 'object' : !node) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * The handler function at `handlerPath` ("handler", "a.b") in the module. Generation 4 also looks
 * under the module's default export.
 */
export function resolveHandler(module, handlerPath, fullHandler, gen = 3) {
  let fn = dig(module, handlerPath, gen >= 4);
  if (!fn && gen >= 4 && module && typeof module === 'object' && 'default' in module) {
    fn = dig(module.default, handlerPath, true);
  }
  if (!fn) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return fn;
}

export const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
export const HANDLER_HIGHWATERMARK = Symbol.for(
  'aws.lambda.runtime.handler.streaming.highWaterMark',
);

/** What the runtime needs to know about a handler function. */
export function handlerMetadata(fn) {
  const mode = fn[HANDLER_STREAMING];
  if (mode !== undefined && mode !== null && mode !== false && mode !== 'response') {
    throw new MalformedStreamingHandler('Only response streaming is supported.');
  }
  let hwm = fn[HANDLER_HIGHWATERMARK];
  hwm = hwm === undefined || hwm === null || hwm === false ? undefined : parseInt(hwm);
  let isAsync = false;
  try {
    isAsync = fn.constructor?.name === 'AsyncFunction';
  } catch {}
  return {
    streaming: mode === 'response',
    highWaterMark: Number.isNaN(hwm) ? undefined : hwm,
    isAsync,
    argsNum: fn.length,
  };
}

const PRELUDE_TYPE = 'application/vnd.awslambda.http-integration-response';

/** awslambda.HttpResponseStream: a JSON prelude (status, headers, cookies), 8 NULs, the body. */
export class HttpResponseStream {
  static from(stream, prelude) {
    stream.setContentType(PRELUDE_TYPE);
    const json = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(json);
      write(new Uint8Array(8));
    };
    return stream;
  }
}

// ---------------------------------------------------------------------------------------------
// The context object.

/** Lower-cased copy of a header map (the runtime reads headers case-insensitively). */
export function lowerKeys(headers) {
  const out = {};
  for (const k of Object.keys(headers)) out[k.toLowerCase()] = headers[k];
  return out;
}

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

/**
 * Adds the invocation's fields to `target` (generation 3: the object holding
 * callbackWaitsForEmptyEventLoop, succeed, fail and done) and returns it. `headers` are
 * lower-cased /next headers.
 */
export function fillContext(target, headers, env, gen = 3) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const clientContext = parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext');
  const identity = parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity');
  target.functionVersion = env.AWS_LAMBDA_FUNCTION_VERSION;
  target.functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  target.memoryLimitInMB = env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
  target.logGroupName = env.AWS_LAMBDA_LOG_GROUP_NAME;
  target.logStreamName = env.AWS_LAMBDA_LOG_STREAM_NAME;
  target.clientContext = clientContext;
  target.identity = identity;
  target.invokedFunctionArn = headers['lambda-runtime-invoked-function-arn'];
  target.awsRequestId = headers['lambda-runtime-aws-request-id'];
  target.tenantId = headers['lambda-runtime-aws-tenant-id'];
  if (gen >= 4) target.xRayTraceId = headers['lambda-runtime-trace-id'];
  target.getRemainingTimeInMillis = function () {
    return deadline - Date.now();
  };
  return target;
}
