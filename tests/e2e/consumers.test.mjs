// The README's "Embed it" examples, run as they stand: an iframe with the client, the custom element,
// and a Vite production build of a consumer project that installs the packed tarball; and a
// TypeScript consumer that type-checks against the package's declarations (and fails where it should).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { RESULTS, start } from './browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const READOUT = /loss (\d+\.\d+) → (\d+\.\d+) after (\d+) steps/;

/** The code block after `<!-- example: name -->` in the README. */
function example(name) {
  const m = README.match(new RegExp(`<!-- example: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `the README has the example ${name}`);
  return m[1];
}

/** A fresh project with the packed tarball installed by npm (it has no dependencies: no network). */
function consumer(prefix) {
  const dist = join(ROOT, 'dist');
  const tarball = readdirSync(dist).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'make dist packs the npm package');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dist, tarball)], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/** Asserts what the examples print: steps ran and the loss fell. */
function trained(text, steps) {
  const m = text.match(READOUT);
  assert.ok(m, `readout: ${text}`);
  const [, before, after, ran] = m;
  assert.equal(Number(ran), steps);
  assert.ok(Number(after) < Number(before), `the loss fell: ${before} → ${after}`);
}

let env;
before(async () => (env = await start()));
after(async () => env?.close());

for (const name of ['iframe', 'element']) {
  test(`README: the ${name} example trains`, async () => {
    const page = await env.browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = `${env.url}__example.html`;
    const body = example(name).replaceAll('https://your.site/playground/', env.url);
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>example</title></head><body>${body}</body></html>` }));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('readout').textContent !== '', null, { timeout: 30000 });
    trained(await page.textContent('#readout'), 300);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('README: a Vite production build of a consumer project trains through the element', async (t) => {
  const dir = consumer('bp-vite-');
  // The README's setup lines, but the package is the tarball already installed.
  const setup = example('bundler-setup').split('\n').filter((l) => l.trim() && !l.startsWith('npm install'));
  execFileSync('bash', ['-euc', setup.join('\n')], { cwd: dir });
  writeFileSync(join(dir, 'main.js'), example('bundler-main'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vite consumer</title></head><body><script type="module" src="/main.js"></script></body></html>');
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, encoding: 'utf8' });
  assert.equal(build.status, 0, `vite build: ${build.stdout}${build.stderr}`);
  const bundles = readdirSync(join(dir, 'dist', 'assets')).filter((f) => f.endsWith('.js'));
  assert.equal(bundles.length, 1, `one bundle: ${bundles}`);
  const server = await serve({ root: join(dir, 'dist'), port: 0 });
  t.after(() => new Promise((ok) => server.close(ok)));
  const page = await env.browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction((re) => new RegExp(re).test(document.body.textContent), READOUT.source, { timeout: 30000 });
  trained(await page.textContent('body'), 300);
  await page.screenshot({ path: `${RESULTS}vite-consumer.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a TypeScript consumer type-checks against the package, and its mistakes are caught', () => {
  const dir = consumer('bp-ts-');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], noEmit: true, types: [] },
    files: ['main.ts'],
  }));
  writeFileSync(join(dir, 'main.ts'), `import { connect, PlaygroundError, type PlaygroundState, type StepResult, type BackpropPlaygroundElement } from 'backprop-playground';
import { connect as connectClient } from 'backprop-playground/client';
import type { CommandMessage, EventMessage } from 'backprop-playground/protocol';

const el = document.createElement('backprop-playground');
const same: BackpropPlaygroundElement = el;
el.src = '/playground/index.html';
el.preset = 'deadRelu';
el.learningRate = 0.1;
el.autoplay = false;
el.height = 600;
el.addEventListener('backprop-playground:step', (e) => {
  const loss: number | null = e.detail.trainLoss;
  console.log(loss, e.detail.epoch);
});
document.addEventListener('backprop-playground:diverged', (e) => console.log(e.detail.step));
el.addEventListener('backprop-playground:error', (e) => console.log(e.detail.message));
const found = document.querySelector('backprop-playground');
found?.step(5);
export async function run(): Promise<number> {
  await same.ready;
  const r: StepResult = await el.step(10, { timeout: 5000 });
  const s: PlaygroundState = await el.getState();
  const set = await el.setConfig({ learningRate: 0.3, networkShape: [4, 2] });
  const link: string = await el.link({ weights: true });
  const client = connect(document.querySelector('iframe')!, { timeout: 5000 });
  const other = connectClient(document.createElement('iframe'));
  client.on('resize', (d) => d.height.toFixed());
  const off = other.on('configChanged', (config) => config.learningRate);
  off();
  try {
    await client.trace(3);
  } catch (e) {
    if (e instanceof PlaygroundError && e.name === 'TimeoutError') return -1;
  }
  const command: CommandMessage<'step'> = { type: 'backprop-playground', id: 1, method: 'step', args: { count: 3 } };
  const event: EventMessage<'resize'> = { type: 'backprop-playground', event: 'resize', data: { height: 3 } };
  return r.ran + s.step + (set.rebuilt ? 1 : 0) + link.length + command.id.valueOf().toString().length + event.data.height;
}
`);
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  const good = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' });
  assert.equal(good.status, 0, `tsc: ${good.stdout}${good.stderr}`);
  // The same project with three mistakes: each is an error of its own kind.
  writeFileSync(join(dir, 'main.ts'), `import 'backprop-playground';
const el = document.createElement('backprop-playground');
el.step('ten');
el.learningRate = 'fast';
el.addEventListener('backprop-playground:step', (e) => e.detail.nope);
`);
  const bad = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  for (const code of ['TS2345', 'TS2322', 'TS2339']) assert.match(bad.stdout, new RegExp(code), `${code} in ${bad.stdout}`);
});
