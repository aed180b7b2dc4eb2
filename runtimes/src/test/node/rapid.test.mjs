// Tests of the Runtime API client (runtimes/.../nodejs/rapid.mjs) over both of its transports
// (Node.js' TCP handle, and node:net), against a fake Runtime API in this process.
// Run: node --test runtimes/src/test/node/

import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

const rapid = await import(
  new URL('../../main/resources/dev/outlet/runtimes/nodejs/rapid.mjs', import.meta.url)
);

async function fakeApi(handle) {
  const seen = { connections: 0, requests: [] };
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.requests.push(r);
      handle(r, res, req);
    });
  });
  server.on('connection', () => seen.connections++);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: `127.0.0.1:${server.address().port}`,
    seen,
    close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

for (const transport of ['tcp_wrap', 'net']) {
  test(`${transport}: next, response, error and init error on the wire`, async () => {
    let n = 0;
    const fake = await fakeApi((r, res) => {
      if (r.url.endsWith('/next')) {
        n++;
        const body = Buffer.from(JSON.stringify({ n, pad: 'é'.repeat(n === 2 ? 300000 : 1) }));
        res.setHeader('Lambda-Runtime-Aws-Request-Id', `id/${n}`);
        res.setHeader('Lambda-Runtime-Deadline-Ms', '123');
        if (n === 3) {
          // Chunked, in pieces.
          res.writeHead(200);
          res.write(body.subarray(0, 5));
          setTimeout(() => res.end(body.subarray(5)), 10);
        } else {
          res.writeHead(200, { 'Content-Length': body.length });
          res.end(body);
        }
        return;
      }
      res.writeHead(r.url.includes('big') ? 413 : 202, { 'Content-Type': 'application/json' });
      res.end('{"status":"OK"}');
    });
    try {
      assert.equal(rapid.connect(fake.api, transport === 'net' ? 'net' : undefined), transport);
      for (let i = 1; i <= 3; i++) {
        const inv = await rapid.next();
        assert.equal(inv.headers['lambda-runtime-aws-request-id'], `id/${i}`);
        assert.equal(inv.headers['lambda-runtime-deadline-ms'], '123');
        assert.equal(JSON.parse(inv.body).n, i);
        await rapid.postResponse(`id/${i}`, JSON.stringify({ ok: i, text: 'ü' }));
      }
      const big = await rapid.postResponse('big', JSON.stringify('x'.repeat(7 << 20)));
      assert.equal(big.status, 413);
      await rapid.postError('id/e', { errorType: 'Error', errorMessage: 'm', trace: [] }, '{"x":"' + 'c'.repeat(100000) + '"}');
      await rapid.postInitError({ errorType: 'Runtime.ImportModuleError\n', errorMessage: 'm', trace: [] });
      const posts = fake.seen.requests.filter((r) => r.method === 'POST');
      assert.equal(posts[0].url, '/2018-06-01/runtime/invocation/id%2F1/response');
      assert.deepEqual(JSON.parse(posts[0].body), { ok: 1, text: 'ü' });
      assert.equal(posts[0].headers['content-type'], 'application/json');
      assert.equal(posts[3].body.length, (7 << 20) + 2);
      assert.equal(posts[4].url, '/2018-06-01/runtime/invocation/id%2Fe/error');
      assert.equal(posts[4].headers['lambda-runtime-function-xray-error-cause'].length, 100008);
      assert.equal(posts[4].headers['lambda-runtime-function-error-type'], undefined);
      assert.equal(posts[5].url, '/2018-06-01/runtime/init/error');
      assert.equal(posts[5].headers['lambda-runtime-function-error-type'], 'Runtime.ImportModuleError');
      // One kept-alive connection for the loop; init errors go on one of their own.
      assert.equal(fake.seen.connections, 2);
    } finally {
      fake.close();
    }
  });

  test(`${transport}: a connection the server closes is replaced`, async () => {
    let n = 0;
    const fake = await fakeApi((r, res) => {
      n++;
      res.setHeader('Lambda-Runtime-Aws-Request-Id', `id${n}`);
      if (n === 1) res.setHeader('Connection', 'close');
      res.writeHead(200, { 'Content-Length': 2 });
      res.end('{}');
    });
    try {
      rapid.connect(fake.api, transport === 'net' ? 'net' : undefined);
      assert.equal((await rapid.next()).headers['lambda-runtime-aws-request-id'], 'id1');
      assert.equal((await rapid.next()).headers['lambda-runtime-aws-request-id'], 'id2');
      assert.equal(fake.seen.connections, 2);
    } finally {
      fake.close();
    }
  });

  test(`${transport}: a refused connection rejects`, async () => {
    const fake = await fakeApi(() => {});
    const api = fake.api;
    fake.close();
    rapid.connect(api, transport === 'net' ? 'net' : undefined);
    await assert.rejects(rapid.next());
  });
}
