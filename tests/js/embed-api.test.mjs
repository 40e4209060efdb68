import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, EVENTS } from '../../www/js/embed-api.js';

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
  assert.match(parseCommand({ type: T, id: 3, method: 'setConfig', args: { config: 'x' } }).error, /args.config must be an object/);
  assert.match(parseCommand({ type: T, id: 3, method: 'subscribe', args: { events: ['boom'] } }).error, /args.events must be a list of ready, step/);
  assert.deepEqual(parseCommand({ type: T, id: 3, method: 'subscribe' }).args.events, EVENTS);
  assert.match(parseCommand({ type: T, id: 3, method: 'play', args: [1] }).error, /args must be an object/);
});
