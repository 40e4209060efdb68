// Loads the built wasm module into Node for the JS tests (same V8 engine as Chromium).
import { readFileSync } from 'node:fs';
import { loadEngineSync } from '../../www/js/engine.js';

loadEngineSync(readFileSync(new URL('../../www/pkg/backprop_playground_bg.wasm', import.meta.url)));

export * from '../../www/js/engine.js';
