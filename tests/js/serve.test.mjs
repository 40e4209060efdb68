// scripts/serve.mjs: the page's files are public, so any origin may read them (CORS), found or not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';

test('every answer allows any origin, and the wasm keeps its MIME type', async () => {
  const server = await serve({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}/`;
  try {
    const origin = { headers: { Origin: 'https://notebook.example' } };
    for (const [path, status, type] of [['', 200, /text\/html/], ['pkg/backprop_playground_bg.wasm', 200, /application\/wasm/], ['js/engine.js', 200, /javascript/], ['no-such-file.js', 404, /text\/plain/]]) {
      const res = await fetch(base + path, origin);
      assert.equal(res.status, status, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
      assert.match(res.headers.get('content-type'), type, path);
      await res.arrayBuffer();
    }
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});
