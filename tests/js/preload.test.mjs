// The page lists every module main.js imports as a modulepreload, so that the browser fetches
// them at once instead of level by level (there is no bundler). The list must follow the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));

/** Every module reachable from `entry` by static imports, relative to www/. */
function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) visit(resolve(dirname(file), m[1] ?? m[2]));
  };
  visit(resolve(WWW, entry));
  return [...seen].map((f) => relative(WWW, f)).filter((f) => f !== entry).sort();
}

test('index.html preloads exactly the modules main.js imports', () => {
  const html = readFileSync(resolve(WWW, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  assert.deepEqual(preloaded, closure('js/main.js'));
});
