import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, EVENTS, METHODS } from '../../www/embed/protocol.js';
import { lcg } from '../lcg.mjs';

const T = 'backprop-playground';

test('messages that are not commands of ours are ignored', () => {
  for (const m of [null, 1, 'x', [], {}, { type: 'other', id: 1, method: 'play' }, { type: T, event: 'ready' }, { type: T, id: 1, result: 2 }, { type: T, method: 'play' }, { type: T, id: {}, method: 'play' }]) {
    assert.equal(parseCommand(m), null, JSON.stringify(m));
  }
});

test('commands are validated and bad ones get an error that says what was wrong', () => {
  assert.deepEqual(parseCommand({ type: T, id: 'a', method: 'play' }), { id: 'a', method: 'play', args: {} });
  assert.deepEqual(parseCommand({ type: T, id: 2, method: 'step', args: { count: 5 } }), { id: 2, method: 'step', args: { count: 5 } });
  assert.deepEqual(parseCommand({ type: T, id: 2, method: 'step' }).args, { count: 1 });
  assert.match(parseCommand({ type: T, id: 3, method: 'fly' }).error, /^unknown method "fly"; the methods are play, pause/);
  assert.match(parseCommand({ type: T, id: 3, method: 'step', args: { count: -1 } }).error, /args.count must be a whole number from 1 to 100000, not -1/);
  assert.match(parseCommand({ type: T, id: 3, method: 'step', args: { count: 1e9 } }).error, /count/);
  assert.match(parseCommand({ type: T, id: 3, method: 'setConfig', args: { config: 'x' } }).error, /args.config must be a plain object/);
  assert.match(parseCommand({ type: T, id: 3, method: 'subscribe', args: { events: ['boom'] } }).error, /args.events must be a list of ready, step/);
  assert.deepEqual(parseCommand({ type: T, id: 3, method: 'subscribe' }).args.events, EVENTS);
  assert.deepEqual(parseCommand({ type: T, id: 4, method: 'getState' }).args, { weights: false });
  assert.deepEqual(parseCommand({ type: T, id: 4, method: 'getState', args: { weights: true } }).args, { weights: true });
  assert.match(parseCommand({ type: T, id: 4, method: 'getState', args: { weights: 1 } }).error, /args.weights must be true or false, not 1/);
  assert.deepEqual(parseCommand({ type: T, id: 5, method: 'setSpeed', args: { speed: 'fast' } }).args, { speed: 'fast' });
  assert.match(parseCommand({ type: T, id: 5, method: 'setSpeed', args: { speed: 'turbo' } }).error, /setSpeed: args.speed must be paced or fast, not "turbo"/);
  assert.match(parseCommand({ type: T, id: 3, method: 'play', args: [1] }).error, /args must be a plain object/);
  assert.deepEqual(parseCommand({ type: T, id: 4, method: 'link' }).args, { weights: false });
  assert.deepEqual(parseCommand({ type: T, id: 4, method: 'link', args: { weights: true } }).args, { weights: true });
  assert.match(parseCommand({ type: T, id: 4, method: 'link', args: { weights: 1 } }).error, /^link: args.weights must be true or false, not 1/);
});

test('no message makes parseCommand throw, and every verdict is one of its three shapes', () => {
  const rand = lcg(3);
  const pick = (xs) => xs[rand(xs.length)];
  const values = [undefined, null, true, 0, -1, 0.5, NaN, Infinity, 10n, -(2n ** 70n), '', 'play', 'x'.repeat(1000), [], [1], {}, { a: 1 }, new Date(0), new Map(), new Uint8Array(2), Object.create(null), Symbol('s')];
  const keys = ['type', 'id', 'method', 'args', 'event', 'result', 'error', 'count', 'index', 'events', 'config'];
  const made = (depth) => {
    if (depth === 0 || rand(3) === 0) return pick(values);
    const o = rand(4) === 0 ? [] : {};
    for (let k = 0; k < 1 + rand(4); k++) o[pick(keys)] = made(depth - 1);
    if (rand(2)) o.type = T;
    if (rand(2)) o.method = pick(METHODS);
    return o;
  };
  const ids = ['a', 1, 2.5, '', 'x'.repeat(300), {}, null, NaN, 10n];
  const command = () => ({ type: T, id: pick(ids), method: pick([...METHODS, 'fly', 7, null]), args: made(2) });
  let replies = 0;
  for (let k = 0; k < 5000; k++) {
    const verdict = parseCommand(k % 2 ? command() : made(3));
    if (verdict === null) continue;
    replies++;
    assert.ok('id' in verdict);
    if ('error' in verdict) assert.ok(typeof verdict.error === 'string' && verdict.error.length > 0 && verdict.error.length < 400, verdict.error);
    else assert.ok(METHODS.includes(verdict.method) && typeof verdict.args === 'object');
  }
  assert.ok(replies > 500, `${replies} commands among the messages`);
  assert.match(parseCommand({ type: T, id: 1, method: 'step', args: { count: 10n } }).error, /not bigint/);
});

test('the types and custom-elements.json name exactly the methods and events the protocol has', async () => {
  const { readFileSync } = await import('node:fs');
  const read = (p) => readFileSync(new URL(`../../www/${p}`, import.meta.url), 'utf8');
  const keys = (source, name) => [...source.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1].matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
  const types = read('embed/protocol.d.ts');
  assert.deepEqual(keys(types, 'Methods'), METHODS);
  assert.deepEqual(keys(types, 'Events'), EVENTS);
  const element = JSON.parse(read('custom-elements.json')).modules[0].declarations[0];
  assert.deepEqual(element.events.map((e) => e.name), EVENTS.map((e) => `backprop-playground:${e}`));
  const methods = element.members.filter((m) => m.kind === 'method').map((m) => m.name);
  assert.deepEqual(methods.sort(), METHODS.filter((m) => m !== 'subscribe' && m !== 'unsubscribe').sort(), 'the element has every command as a method');
});
