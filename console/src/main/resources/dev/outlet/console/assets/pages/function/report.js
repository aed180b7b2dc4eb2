// Pure helpers for Invoke's answer: the base64 log tail and its REPORT line.

/** Decodes base64 to text (UTF-8). */
export function decodeBase64(b64) {
  if (!b64) return '';
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

const FIELDS = {
  duration: /\bDuration:\s*([\d.]+)\s*ms/,
  billed: /Billed Duration:\s*([\d.]+)\s*ms/,
  memorySize: /Memory Size:\s*([\d.]+)\s*MB/,
  maxMemory: /Max Memory Used:\s*([\d.]+)\s*MB/,
  init: /Init Duration:\s*([\d.]+)\s*ms/,
};

/**
 * The last REPORT line of a log, as numbers:
 * {requestId, duration, billed, memorySize, maxMemory, init (null when warm)}, or null.
 */
export function parseReport(log) {
  const lines = (log || '').split('\n').filter((l) => l.startsWith('REPORT '));
  if (!lines.length) return null;
  const line = lines[lines.length - 1];
  const out = { line, requestId: null };
  const id = /RequestId:\s*([^\s]+)/.exec(line);
  if (id) out.requestId = id[1];
  // "Duration:" also matches inside "Billed Duration:" and "Init Duration:"; take the first one
  // that is not preceded by "Billed " or "Init ".
  const d = /(?<!Billed |Init )Duration:\s*([\d.]+)\s*ms/.exec(line);
  out.duration = d ? Number(d[1]) : null;
  for (const [k, re] of Object.entries(FIELDS)) {
    if (k === 'duration') continue;
    const m = re.exec(line);
    out[k] = m ? Number(m[1]) : null;
  }
  return out;
}

/** A one-line reading of a parsed REPORT. */
export function describeReport(r) {
  if (!r) return 'No REPORT line in the log tail.';
  const parts = [`Duration ${r.duration} ms`, `Billed ${r.billed} ms`,
    `Memory ${r.maxMemory ?? '?'} / ${r.memorySize ?? '?'} MB`];
  parts.push(r.init != null ? `Init ${r.init} ms (cold start)` : 'warm start');
  return parts.join(' · ');
}
