// The notebook widget in a real JupyterLab and Notebook 7: `make test-notebook` builds the wheel
// and the pinned .venv-notebook; this installs the wheel with the README's own command, starts each
// front end headless on a free port with a token, and runs the README's "In a notebook" cells in
// headless Chromium: the widget renders, Python sets η and calls step, and reads back a falling loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
const VENV_BIN = join(ROOT, '.venv-notebook/bin');
const RESULTS = join(ROOT, 'test-results');

/** The README's "In a notebook" subsection: its pip command and its Python cells, as written. */
function readmeNotebook() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('### In a notebook')[1].split(/\n##/)[0];
  const install = section.match(/`(pip install [^`]+)`/)[1];
  const cells = [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());
  return { install, cells };
}

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** Starts `jupyter <app>` in `dir` with its own config and runtime folders and a token; resolves when it answers. */
async function startJupyter(app, dir) {
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const env = {
    ...process.env,
    PATH: `${VENV_BIN}:${process.env.PATH}`,
    JUPYTER_CONFIG_DIR: join(dir, 'config'),
    JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
    JUPYTERLAB_WORKSPACES_DIR: join(dir, 'workspaces'),
    JUPYTERLAB_SETTINGS_DIR: join(dir, 'settings'),
    IPYTHONDIR: join(dir, 'ipython'),
  };
  const lab = spawn(join(VENV_BIN, 'jupyter'), [
    app, '--no-browser', '--allow-root', '--expose-app-in-browser', '--ip=127.0.0.1',
    `--port=${port}`, '--ServerApp.port_retries=0', `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${dir}`, '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
  ], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  lab.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (lab.exitCode !== null) throw new Error(`jupyter ${app} exited:\n${log}`);
    if (Date.now() > deadline) throw new Error(`jupyter ${app} did not answer within 60 s:\n${log}`);
    const ok = await fetch(`${url}api/status?token=${token}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, token, stop: () => lab.kill('SIGTERM') };
}

/** Runs cell `index` of the open notebook and resolves with its outputs (as nbformat JSON). */
function runCell(page, index) {
  return page.evaluate(async (index) => {
    const panel = window.jupyterapp.shell.currentWidget;
    panel.content.activeCellIndex = index;
    await window.jupyterapp.commands.execute('notebook:run-cell');
    return panel.content.widgets[index].model.outputs.toJSON();
  }, index);
}

const text = (outputs) => outputs.map((o) => o.text ?? o.data?.['text/plain'] ?? `${o.ename}: ${o.evalue}`).join('');

const { install, cells } = readmeNotebook();
const count = Number(cells[1].match(/\.step\((\d+)\)/)[1]);
// The README's install line, as written, in the project's notebook venv (re-installing the wheel
// that `make dist` just built, whose version may not have changed).
execSync(`pip uninstall --quiet --yes backprop-playground && ${install} --quiet --no-deps`, {
  cwd: ROOT, env: { ...process.env, PATH: `${VENV_BIN}:${process.env.PATH}` }, stdio: 'inherit',
});
// The test's own last cell asserts in Python what the README's cells only print.
const check = [
  `assert w.step_count == ${count}, w.step_count`,
  'assert w.error == "", w.error',
  'assert w.learning_rate == 0.03 and w.config["learningRate"] == 0.03, w.config',
  'assert w.losses[0]["step"] == 0 and w.losses[-1]["step"] == w.step_count, w.losses',
  'assert w.losses[-1]["train"] < 0.8 * w.losses[0]["train"], w.losses',
  'assert [len(layer) for layer in w.weights] == [8, 8, 1] and len(w.weights[0][0]) == 2, w.weights',
  // Front ends without a Jupyter server (VS Code, marimo) get the site from the kernel instead.
  'import urllib.request',
  'from backprop_playground._site import serve_site',
  'with urllib.request.urlopen(serve_site().replace("index.html", "pkg/backprop_playground_bg.wasm")) as r:',
  '    assert r.headers["Content-Type"] == "application/wasm" and r.read(4) == b"\\0asm", r.headers',
  'print("loss falls", w.losses[0]["train"], w.losses[-1]["train"])',
].join('\n');

/** The path VS Code and marimo take (no Jupyter server to serve the site): the kernel serves it. */
const LOCAL = [
  'v = Playground(preset="deadRelu", local_server=True)\nv',
  'v.step(20)',
  'assert v.step_count == 20 and v._local_url.startswith("http://127.0.0.1:"), (v.step_count, v._local_url)\nprint("served by the kernel")',
];

/**
 * JupyterLab and Notebook 7 open a notebook at different paths; both serve the site alike. In one,
 * the second cell runs at once, before the page has loaded (as "Run All" does): η must still be
 * set before the steps; in the other, once the widget is ready.
 */
const FRONT_ENDS = [
  { app: 'lab', path: 'lab/tree/readme.ipynb', name: 'JupyterLab', eager: true },
  { app: 'notebook', path: 'notebooks/readme.ipynb', name: 'Notebook 7', eager: false },
];

for (const { app, path, name, eager } of FRONT_ENDS) {
  test(`${name}: the README notebook renders the widget; Python sets η, steps and reads a falling loss`, { timeout: 180_000 }, async () => {
    const started = Date.now();
    assert.equal(cells.length, 3, 'the README shows three cells: create, steer, read');
    const dir = mkdtempSync(join(tmpdir(), 'notebook-test-'));
    const source = (code) => code.split(/(?<=\n)/);
    writeFileSync(join(dir, 'readme.ipynb'), JSON.stringify({
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: [...cells, check, ...LOCAL].map((code, i) => ({ id: `cell${i}`, cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: source(code) })),
    }));

    const lab = await startJupyter(app, dir);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = [];
      // Uncaught errors of the widget (a blob: module), anywidget or the playground; Notebook 7.6.5's
      // own core throws one while loading its settings ("reading 'schema'"), not ours to judge.
      page.on('pageerror', (e) => /^\s*at .*\/static\/(notebook|lab)\//m.test(e.stack.split('\n')[1] ?? '') || problems.push(e.stack));
      await page.goto(`${lab.url}${path}?token=${lab.token}`);
      await page.waitForFunction(() => {
        const panel = window.jupyterapp?.shell.currentWidget;
        return panel?.content?.widgets?.length === 7 && panel.sessionContext.session?.kernel?.status === 'idle';
      }, null, { timeout: 90_000, polling: 250 });

      // Cell 1 shows the widget: its page (the bundled site, served by Jupyter) gets ready and draws.
      const shown = await runCell(page, 0);
      assert.ok(shown.some((o) => o.data?.['application/vnd.jupyter.widget-view+json']), text(shown));
      if (eager) assert.equal(text(await runCell(page, 1)), '');
      await page.waitForSelector('[data-ready="true"]', { timeout: 60_000 });
      const frame = page.frames().find((f) => f.url().includes('/lab/extensions/backprop-playground/static/index.html'));
      assert.ok(frame, `the widget's iframe shows the bundled site: ${page.frames().map((f) => f.url())}`);
      await frame.waitForSelector('body[data-ready]', { timeout: 30_000 });
      const drawn = await frame.evaluate(() => [...document.querySelectorAll('canvas')].some((c) => {
        if (!c.width || !c.height) return false;
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        return data.some((v, i) => v !== data[i % 4]); // not one flat colour
      }));
      assert.ok(drawn, 'a canvas of the playground is drawn');

      // Cell 2 sets η and steps; the page trains, then the widget saves the traits back.
      if (!eager) assert.equal(text(await runCell(page, 1)), '');
      await page.waitForSelector(`[data-step="${count}"]`, { timeout: 60_000 });
      const rate = await frame.evaluate(() => window.backpropPlayground.config().learningRate);
      assert.equal(rate, 0.03, 'Python\'s η reached the page');

      // Cell 3 (the README's) prints the history; the test's cell asserts in Python.
      const printed = text(await runCell(page, 2));
      assert.match(printed, new RegExp(`^${count} \\d\\S* → \\d\\S*\\n$`), printed);
      const checked = text(await runCell(page, 3));
      assert.match(checked, /^loss falls /, checked);

      // The kernel's own server, as in VS Code and marimo: another origin, the same protocol.
      await runCell(page, 4);
      await page.waitForSelector('[data-ready="true"] >> nth=1', { timeout: 60_000 });
      // (The page then rewrites its fragment to the whole setup: only the start is fixed.)
      const served = page.frames().filter((f) => /^http:\/\/127\.0\.0\.1:\d+\/index\.html#.*embed=1/.test(f.url()));
      assert.ok(served.length === 1 && new URL(served[0].url()).port !== new URL(lab.url).port, page.frames().map((f) => f.url()).join(' '));
      await runCell(page, 5);
      await page.waitForSelector('[data-step="20"]', { timeout: 60_000 });
      assert.match(text(await runCell(page, 6)), /^served by the kernel\n$/);
      await page.screenshot({ path: join(RESULTS, `notebook-${app}.png`) });
      assert.deepEqual(problems, []);
      console.log(`# ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await browser.close();
      lab.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
