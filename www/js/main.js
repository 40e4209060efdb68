// The page's wiring: loads the core, makes the session (the only caller of the engine), the views
// that subscribe to it, the message API, link sync and recovery, and the one frame loop's table of
// jobs. Everything the page does lives in page/ (see README, "Code layout").
import { coreCalls, Engine, isCoreFailure, loadEngine, wasmMemory } from './engine.js';
import { throttleInterval } from './frame.js';
import { Session } from './page/session.js';
import { Scheduler } from './page/scheduler.js';
import { Telling } from './page/telling.js';
import { Heatmaps } from './page/heatmaps.js';
import { Messages } from './page/messages.js';
import { LinkSync } from './page/link-sync.js';
import { Recovery } from './page/recovery.js';
import { TroubleWatch } from './page/trouble-watch.js';
import { Api } from './page/api.js';
import { installShortcuts } from './page/keys.js';
import { testHandle } from './page/test-handle.js';
import { Settings } from './page/views/settings.js';
import { Pickers } from './page/views/pickers.js';
import { Files } from './page/views/files.js';
import { Toolbar } from './page/views/toolbar.js';
import { NetworkView } from './page/views/network-view.js';
import { PlotView } from './page/views/plot-view.js';
import { LossView } from './page/views/loss-view.js';
import { GradientsView } from './page/views/gradients-view.js';
import { Readouts } from './page/views/readouts.js';
import { ExplainPanel } from './page/views/explain-panel.js';
import { InspectorView } from './page/views/inspector-view.js';
import { TablesView } from './page/views/tables-view.js';
import { Descriptions } from './page/views/descriptions.js';
import { ShareDialog } from './page/views/share-dialog.js';
import { CompareView } from './page/views/compare-view.js';
import { Stage } from './page/views/stage.js';
import { LessonRail } from './page/views/lesson-rail.js';
import { LandscapeView } from './page/views/landscape-view.js';
import { WorkedExample } from './page/views/worked-example.js';

/** How long one frame's share of an evaluation over every data point may take. */
const EVALUATION_SLICE_MS = 3;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

async function start() {
  const session = new Session();
  const scheduler = new Scheduler();
  const request = (name) => () => scheduler.request(name);
  const fail = (e) => recovery.failed(e);
  const messages = new Messages(session, { onCoreFailure: fail });
  try {
    await loadEngine();
  } catch (e) {
    messages.show(`The playground could not start: ${e.message}`);
    return;
  }
  const schema = session.schema();
  const featureLabels = Object.fromEntries(schema.settings.find((s) => s.name === 'features').choices.map((c) => [c.value, c.label]));
  const embedDefaults = schema.controls.filter((c) => c.embedDefault).map((c) => c.name);
  const telling = new Telling(session, { reducedMotion });
  const heatmaps = new Heatmaps(session);
  const linkSync = new LinkSync(session, { messages, reducedMotion, embedDefaults });
  const recovery = new Recovery(session, linkSync);
  const trouble = new TroubleWatch(session);
  const settings = new Settings(session, { schema, messages });
  const apply = (changes) => settings.apply(changes);
  const landscape = new LandscapeView(session, { request: request('landscape'), linkSync });
  const views = {
    settings,
    pickers: new Pickers(session, { schema, apply }),
    toolbar: new Toolbar(session, { telling }),
    network: new NetworkView(session, { telling, heatmaps, linkSync, schema, featureLabels, apply, reducedMotion }),
    plot: new PlotView(session, { heatmaps, linkSync, messages, featureLabels }),
    loss: new LossView(session, { linkSync }),
    gradients: new GradientsView(session, { linkSync }),
    readouts: new Readouts(session, { messages, trouble }),
    explain: new ExplainPanel(session, { telling, messages }),
    inspector: new InspectorView(session, { telling, messages, request: request('inspector'), mount: [landscape], featureLabels }),
    tables: new TablesView(session, { telling, request: request('table') }),
    descriptions: new Descriptions(session, { heatmaps, request: request('describe') }),
    share: new ShareDialog(session, { linkSync, schema }),
    compare: new CompareView(session, { recovery, linkSync }),
    stage: new Stage(session, { telling }),
    lessons: new LessonRail(session, {
      telling,
      linkSync,
      // What a lesson's tasks read (lessons/catalog.js), besides what the rail counts itself.
      context: () => ({
        config: session.config,
        sizes: session.sizes,
        stats: session.stats,
        selected: session.selected,
        phase: telling.explain ? telling.explain.phases[telling.explain.index] : null,
        path: session.path,
        trouble: trouble.trouble, // diverged, exploding or stalled (page/trouble-watch.js)
        tablesOpen: document.getElementById('table-toggle').getAttribute('aria-expanded') === 'true',
      }),
    }),
    landscape,
    worked: new WorkedExample(session, { telling, linkSync, messages, apply, request: request('worked') }),
  };
  trouble.on('trouble', () => views.lessons.check()); // a lesson's task may be waiting for it
  new Files(session, { messages });
  const api = new Api(session, { telling, recovery, budget: () => scheduler.trainBudget, link: (weights) => linkSync.hash(weights) });
  installShortcuts(session, { telling, explainPanel: views.explain, messages });

  // The frame's jobs, in order. Canvas views draw only when what they show changed.
  const canvases = [views.network, views.plot, views.loss, views.gradients];
  scheduler
    .add({
      name: 'train',
      everyFrame: true,
      run: () => {
        if (!session.playing || document.hidden) return;
        session.trainEpoch(scheduler.trainBudget);
        if (!telling.story && telling.speed > 0) telling.start(true); // the backward pass plays along
      },
    })
    .add({ name: 'story', everyFrame: true, run: (now) => telling.advance(now) })
    .add({ name: 'compare', everyFrame: true, run: () => views.compare.frame() })
    .add({
      name: 'stats',
      // While training runs (playing, or an API step) the evaluation is spread over frames;
      // asked for at once (a step by hand, an API step's end, a divergence), it is exact.
      interval: (cost) => throttleInterval(cost, 0.1),
      run: (now, whole) => (!whole && (session.playing || api.stepping) ? session.evaluateSlice(EVALUATION_SLICE_MS) : session.refreshStats()),
    })
    // While training they skip frames where the parameters barely moved; otherwise exact.
    .add({ name: 'heatmaps', interval: (cost) => throttleInterval(cost, 0.15, 50), run: () => heatmaps.refresh(!session.playing && !api.stepping) })
    .add({ name: 'inspector', when: () => views.inspector.open, interval: () => 100, run: () => views.inspector.render() })
    .add({ name: 'landscape', when: () => landscape.due, interval: (cost) => throttleInterval(cost, 0.05, 200), run: () => landscape.render() })
    .add({
      name: 'draw',
      everyFrame: true,
      run: () => {
        for (const view of canvases) if (view.dirty || view.behind) view.render();
      },
    })
    .add({ name: 'describe', when: () => !scheduler.requested('heatmaps'), interval: () => 1000, run: () => views.descriptions.render() })
    .add({ name: 'table', when: () => views.tables.due, interval: () => 500, run: () => views.tables.render() })
    .add({ name: 'worked', when: () => views.worked.due, interval: () => 250, run: () => views.worked.render() })
    .add({ name: 'checkpoint', interval: () => 1000, run: () => recovery.save() });

  const afterParams = ['stats', 'heatmaps', 'checkpoint'];
  session.on('params', (now) => {
    for (const job of afterParams) scheduler.request(job);
    if (now) scheduler.runNow('stats'); // a step taken by hand shows its numbers at once
  });
  session.on('data', request('heatmaps'));
  session.on('playing', (playing) => playing || scheduler.request('heatmaps')); // paused: the exact maps
  session.on('speed', (speed) => scheduler.setSpeed(speed));
  session.on('config', ({ keys }) => keys?.includes('discretize') && scheduler.request('heatmaps'));
  const redraw = () => canvases.forEach((view) => (view.dirty = true));
  new ResizeObserver(redraw).observe(document.body);
  document.addEventListener('visibilitychange', redraw);

  linkSync.open(location.hash);
  window.backpropPlayground = testHandle({ Engine, memory: wasmMemory, coreCalls, session, scheduler, telling, recovery, trouble, heatmaps, views });
  document.body.dataset.ready = 'true';
  api.emit('ready', { version: 1 });

  const frame = (now) => {
    requestAnimationFrame(frame); // first, so that nothing below can stop the loop
    if (session.crashed) return;
    try {
      scheduler.frame(now);
    } catch (e) {
      if (!isCoreFailure(e)) throw e;
      recovery.failed(e);
    }
  };
  requestAnimationFrame(frame);
}

start();
