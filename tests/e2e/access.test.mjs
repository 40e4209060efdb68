// Everyone can use it: axe-core (from npm) audits the page, the phone layout, the embed, the dark
// theme, the docs and the tutorial, with no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start } from './browser.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

let env;
before(async () => (env = await start()));
after(() => env.close());

const AUDITS = [
  { name: 'page', path: '', width: 1280 },
  { name: 'phone', path: '', width: 390 },
  { name: 'embed', path: '#embed=1&controls=play,step,learningRate,explain', width: 600 },
  { name: 'dark', path: '#theme=dark', width: 1280 },
  { name: 'docs', path: 'docs.html', width: 1280 },
  { name: 'tutorial', path: 'tutorial.html', width: 1280 },
];

for (const { name, path, width } of AUDITS) {
  test(`axe-core finds no serious or critical violation: ${name}`, async () => {
    // The audit script is injected, which the pages' own CSP rightly forbids: bypass it here only.
    const context = await env.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.url}${path}`);
    await page.waitForFunction(() => document.body.dataset.ready || !document.querySelector('script[src$="main.js"]'));
    await page.waitForTimeout(500); // embedded playgrounds (docs, tutorial) start too
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })));
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(blocking, [], JSON.stringify(blocking, null, 1));
    await context.close();
  });
}
