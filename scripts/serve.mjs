// A small static server for www/ (no dependencies): correct MIME types (wasm as application/wasm),
// no caching, loopback only, and open to every origin (a public static site: a notebook or another
// page may fetch its files). Used by `make serve` and the end-to-end tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Sent with every answer: the files are public, so any origin may read them. */
const CORS = { 'Access-Control-Allow-Origin': '*' };

export const WWW = resolve(fileURLToPath(new URL('../www', import.meta.url)));

/** Starts serving `root` on 127.0.0.1:`port` (0 = any free port); resolves to the server. */
export function serve({ root = WWW, port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        ...CORS,
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { ...CORS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const wanted = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 8000);
  let server;
  try {
    server = await serve({ port: wanted });
  } catch (e) {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`Port ${wanted} is busy; using a free one.`);
    server = await serve({ port: 0 });
  }
  console.log(`Backprop Playground is at http://127.0.0.1:${server.address().port}/  (Ctrl+C stops it)`);
}
