// The notebook widget's front end (anywidget ESM): an iframe of the bundled playground, driven by
// its message API (www/embed/protocol.js). This file is the widget's only use of that protocol.

const TYPE = 'backprop-playground';
const TIMEOUT_MS = 120_000; // a step command of 100 000 steps of a large network takes a while
const LOAD_MS = 60_000;
const MAX_LOSSES = 500; // past this the history is thinned to every other entry, start kept
const SITE = 'backprop-playground/static/index.html';

/**
 * Where the bundled site is served. JupyterLab and Notebook 7 serve a wheel's
 * share/jupyter/labextensions/<name>/static files under their labextensions URL; elsewhere (VS Code,
 * marimo, or when `local_server` says so) the kernel serves them on localhost when asked (`_local_url`).
 */
async function siteUrl(model) {
  if (model.get('src')) return model.get('src');
  const data = document.getElementById('jupyter-config-data');
  if (data && !model.get('local_server')) {
    const config = JSON.parse(data.textContent);
    const base = config.fullLabextensionsUrl ?? `${config.baseUrl ?? '/'}lab/extensions`;
    return `${base.replace(/\/$/, '')}/${SITE}`;
  }
  if (!model.get('_local_url')) {
    await new Promise((resolve) => {
      const served = () => {
        model.off('change:_local_url', served);
        resolve();
      };
      model.on('change:_local_url', served);
      model.send({ method: 'serve' });
    });
  }
  return model.get('_local_url');
}

/** Commands with one reply each (a Promise with a timeout) and events, for one iframe. */
function connect(iframe, origin, onEvent) {
  let nextId = 0;
  const pending = new Map();
  const listener = (event) => {
    const data = event.data;
    if (event.source !== iframe.contentWindow || data?.type !== TYPE) return;
    if ('event' in data) return onEvent(data.event, data.data);
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    clearTimeout(call.timer);
    if ('error' in data) call.reject(new Error(data.error));
    else call.resolve(data.result);
  };
  window.addEventListener('message', listener);
  return {
    call(method, args = {}) {
      return new Promise((resolve, reject) => {
        const id = `notebook-${++nextId}`;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method}: no reply within ${TIMEOUT_MS / 1000} s`));
        }, TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        iframe.contentWindow.postMessage({ type: TYPE, id, method, args }, origin);
      });
    },
    close() {
      window.removeEventListener('message', listener);
      for (const call of pending.values()) {
        clearTimeout(call.timer);
        call.reject(new Error('the widget was closed'));
      }
      pending.clear();
    },
  };
}

/** The settings in `wanted` whose values differ from `current` (compared as JSON). */
function changed(wanted, current) {
  return Object.fromEntries(Object.entries(wanted ?? {})
    .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(current?.[key])));
}

/** A link fragment of the given parameters; empty ones left out, commas kept for readability. */
function fragment(params) {
  const pairs = Object.entries(params).filter(([, value]) => value !== '' && value != null);
  return pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`).join('&');
}

/** Row-major flat weights → [out][in] lists. */
function rows(flat, inputs) {
  return Array.from({ length: flat.length / inputs }, (_, j) => flat.slice(j * inputs, (j + 1) * inputs));
}

/** One view per widget drives the playground: a newer view takes over from the older one. */
const views = new WeakMap();

async function render({ model, el }) {
  views.get(model)?.();
  const iframe = document.createElement('iframe');
  iframe.title = 'Backprop Playground';
  iframe.style.cssText = 'width: 100%; height: 560px; border: 0; display: block';
  el.replaceChildren(iframe);
  let config = null; // the playground's configuration as last heard
  let closed = false;
  let readyResolve;
  const url = new URL(await siteUrl(model), location.href);
  url.hash = fragment({ preset: model.get('preset'), embed: '1', speed: model.get('speed') === 'fast' ? 'fast' : '', ...model.get('link') });
  // Every command waits for the page; a page that never loads fails them all, by name.
  const ready = new Promise((resolve, reject) => {
    readyResolve = resolve;
    setTimeout(() => reject(new Error(`the playground at ${url.origin}${url.pathname} did not load within ${LOAD_MS / 1000} s`)), LOAD_MS);
  });

  const save = (fields) => {
    if (closed) return;
    for (const [key, value] of Object.entries(fields)) model.set(key, value);
    model.save_changes();
    el.dataset.step = String(model.get('step_count')); // for tests and the curious
  };
  const heard = (c) => {
    config = c;
    save({ config: c, learning_rate: c.learningRate });
  };
  const record = ({ step, epoch, trainLoss, testLoss }) => {
    let losses = model.get('losses');
    losses = step < (losses.at(-1)?.step ?? -1) ? [] : losses.slice(); // a new run: a new history
    if (losses.at(-1)?.step !== step) losses.push({ step, epoch, train: trainLoss, test: testLoss });
    if (losses.length > MAX_LOSSES) losses = losses.filter((_, i) => i % 2 === 0 || i === losses.length - 1);
    save({ step_count: step, epoch, losses });
  };
  const api = connect(iframe, url.origin, (event, data) => {
    if (event === 'ready') readyResolve();
    else if (event === 'step') record(data);
    else if (event === 'configChanged') heard(data);
    else if (event === 'diverged') save({ diverged: true });
    else if (event === 'resize') iframe.style.height = `${Math.max(200, data.height)}px`;
    else if (event === 'error') save({ error: data.message });
  });
  /** Python's settings (the `config` trait, then `learning_rate`) that the playground lacks, or null. */
  const wanted = () => {
    const settings = changed(model.get('config'), config);
    const rate = model.get('learning_rate');
    if (rate !== null && rate !== config.learningRate) settings.learningRate = rate;
    return Object.keys(settings).length ? settings : null;
  };
  // Before any command of Python's: the events, and the settings Python gave before the page loaded.
  const started = ready.then(async () => {
    await api.call('subscribe', { events: ['step', 'configChanged', 'diverged', 'resize', 'error'] });
    const state = await api.call('getState');
    config = state.config;
    record(state); // the history starts at the page's first state, even if Python's steps come at once
    if (wanted()) await api.call('setConfig', { config: wanted() });
    if (model.get('speed') !== state.speed) await api.call('setSpeed', { speed: model.get('speed') });
  });
  const run = (method, args) => started.then(() => api.call(method, args)).catch((e) => save({ error: e.message }));
  /** Reads everything back: the statistics, the configuration and the parameters. */
  const refresh = () => run('getState', { weights: true }).then((s) => {
    if (!s) return;
    heard(s.config);
    record(s);
    save({
      diverged: s.diverged,
      speed: s.speed,
      weights: s.weights.map((w, l) => rows(w, s.sizes[l])),
      biases: s.biases,
    });
  });
  const push = () => config && wanted() && run('setConfig', { config: wanted() }).then(refresh);
  const commands = {
    step: ({ count }) => run('step', { count }).then(refresh),
    play: () => run('play'),
    pause: () => run('pause').then(refresh),
    reset: () => run('reset').then(refresh),
    refresh,
  };
  const onMessage = (msg) => commands[msg?.method]?.(msg);
  const pace = () => config && run('setSpeed', { speed: model.get('speed') });
  model.on('change:speed', pace);
  model.on('change:config', push);
  model.on('change:learning_rate', push);
  model.on('msg:custom', onMessage);
  iframe.src = url.href;
  started.then(async () => {
    await refresh();
    save({ ready: true });
    el.dataset.ready = 'true';
  }, (e) => save({ error: e.message }));

  const cleanup = () => {
    closed = true;
    model.off('change:speed', pace);
    model.off('change:config', push);
    model.off('change:learning_rate', push);
    model.off('msg:custom', onMessage);
    api.close();
    if (views.get(model) === cleanup) views.delete(model);
    if (iframe.isConnected) el.replaceChildren('(shown in a newer view of this widget)');
  };
  views.set(model, cleanup);
  return cleanup;
}

export default { render };
