// <backprop-playground>: the playground in an iframe, driven through the iframe client.
//   <script type="module" src=".../backprop-playground.js"></script>
//   <backprop-playground preset="deadRelu" controls="play,step,learningRate"></backprop-playground>
// Attributes are link parameters (preset, controls, theme, learning-rate, …; `config` takes a whole
// link fragment) and are all observed; `src` names the page (default: index.html beside this
// module's folder). Methods return Promises that always settle; the API's events arrive as DOM
// events `backprop-playground:<name>` that bubble out of shadow roots. The element sizes itself to
// its content, loads when near the viewport, pauses off screen or in a hidden tab, and keeps its
// training when moved in the document (from a link with the weights, kept after each change).

import { connect, DEFAULT_TIMEOUT, PlaygroundError } from './client.js';
import { EVENTS, SPEEDS } from './protocol.js';

const PAGE_PATH = '../index.html';
/** The page beside this module, or null where its own URL cannot locate one (blob:, data:). */
const DEFAULT_PAGE = (() => {
  try {
    // Not new URL('literal', import.meta.url): bundlers rewrite that form into an asset of their own.
    const url = new URL(PAGE_PATH, import.meta.url);
    return /^(https?|file):$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
})();
/** Attributes that are not link parameters: the element's own and HTML's global ones. */
const OWN_ATTRIBUTES = ['config', 'src', 'height', 'timeout', 'title', 'autoplay', 'id', 'class', 'style', 'hidden', 'lang', 'dir', 'tabindex', 'slot', 'part', 'is'];
/** Properties that reflect attributes: name → [attribute, kind]. */
const PROPERTIES = {
  src: ['src', 'string'],
  preset: ['preset', 'string'],
  lesson: ['lesson', 'string'],
  controls: ['controls', 'string'],
  theme: ['theme', 'string'],
  speed: ['speed', 'string'],
  config: ['config', 'string'],
  learningRate: ['learning-rate', 'number'],
  height: ['height', 'number'],
  timeout: ['timeout', 'number'],
  autoplay: ['autoplay', 'boolean'],
};
const isLinkAttribute = (name) => name === 'config' || !(OWN_ATTRIBUTES.includes(name) || name.startsWith('data-') || name.startsWith('aria-'));
const OBSERVED = ['title', ...Object.values(PROPERTIES).map(([a]) => a)];
/** While training, the link with the weights is kept at most this often (each command's end keeps it at once). */
const REMEMBER_MS = 1000;
const CSS = ':host{display:block}:host([hidden]){display:none}iframe{display:block;width:100%;border:0;height:560px}';
let sheet = null;

export class BackpropPlaygroundElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    // A constructed sheet, not a <style>: pages with a strict style-src CSP allow it.
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    this.shadowRoot.adoptedStyleSheets = [sheet];
    this.client = null;
    this.frame = null;
    /** The fragment that restores this playground (settings, options, weights, step), once known. */
    this.saved = null;
    this.wantsToPlay = false;
    this.visible = true;
    this.newReady();
    this.onVisibility = () => this.syncRunning();
    // Link parameters beyond the observed list (activation, network-shape, …) are observed too.
    this.attributeWatch = new MutationObserver((records) => {
      for (const r of records) if (!OBSERVED.includes(r.attributeName)) this.attributeChangedCallback(r.attributeName);
    });
    this.attributeWatch.observe(this, { attributes: true });
  }

  newReady() {
    this.readySettled = false;
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = (v) => ((this.readySettled = true), resolve(v));
      this.readyReject = (e) => ((this.readySettled = true), reject(e));
    });
    this.ready.catch(() => {});
  }

  /** The page's address: the `src` attribute (resolved against the document) or the default. */
  page() {
    const src = this.getAttribute('src');
    if (src) return new URL(src, document.baseURI).href.replace(/#.*$/, '');
    return DEFAULT_PAGE;
  }

  /** The fragment for the iframe: the `config` attribute, then every other attribute, embedded. */
  fragment() {
    const parts = [];
    const config = this.getAttribute('config');
    if (config) parts.push(config.replace(/^#/, ''));
    for (const { name, value } of this.attributes) {
      if (name === 'config' || !isLinkAttribute(name)) continue;
      const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()); // learning-rate → learningRate
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === '' ? 'true' : value)}`);
    }
    parts.push('embed=1');
    return parts.join('&');
  }

  connectedCallback() {
    if (this.teardownTimer !== undefined) {
      // Back within the same task (a framework reordering nodes): nothing was torn down. A move
      // with moveBefore() kept the iframe's document; a remove-and-insert reloaded it.
      clearTimeout(this.teardownTimer);
      this.teardownTimer = undefined;
      if (this.frame?.contentWindow === this.frameWindow) return;
    } else this.attach();
    this.build(this.saved !== null);
  }

  /** moveBefore() moves the element and its live iframe: nothing to do. */
  connectedMoveCallback() {}

  disconnectedCallback() {
    // Deferred: a move (remove, then insert) within this task keeps the client and the state.
    this.teardownTimer = setTimeout(() => {
      this.teardownTimer = undefined;
      this.client?.close('the element was removed from the document');
      this.client = null;
      this.observer?.disconnect();
      this.nearby?.disconnect();
      document.removeEventListener('visibilitychange', this.onVisibility);
    });
  }

  attach() {
    // Nothing starts moving by itself for someone whose system asks for reduced motion.
    this.wantsToPlay = this.hasAttribute('autoplay') && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.observer = new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      this.syncRunning();
    });
    this.observer.observe(this);
    // The page loads when the reader nears it (or a method is called): ten elements on a page do
    // not load ten playgrounds at once, and a timeout counts from the load, not from the page's.
    this.nearby = new IntersectionObserver(([entry]) => entry.isIntersecting && this.load(), { rootMargin: '300px' });
    this.nearby.observe(this);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** A new iframe: loaded at once when it replaces a loaded one (from the saved link with weights). */
  build(restore) {
    this.client?.close('the playground was reloaded');
    this.client = null;
    this.isReady = false;
    this.sourceError = null;
    if (this.readySettled) this.newReady();
    this.restoring = restore;
    if (!this.page()) return this.fail(new PlaygroundError('SourceError', 'backprop-playground: no src attribute, and the module was loaded from a URL (blob: or data:) that locates no page beside it; set src to the playground\'s index.html'));
    const frame = document.createElement('iframe');
    frame.part = 'frame';
    frame.loading = 'lazy';
    frame.title = this.getAttribute('title') ?? 'Backprop Playground';
    if (this.hasAttribute('height')) frame.style.height = `${this.height}px`;
    this.shadowRoot.replaceChildren(frame);
    this.frame = frame;
    this.frameWindow = frame.contentWindow;
    if (restore || this.loadedOnce) this.load();
  }

  /** Points the iframe at the page and connects the client (once per iframe). */
  load() {
    if (this.client || !this.frame || this.sourceError || !this.isConnected) return;
    this.loadedOnce = true;
    this.frame.src = `${this.page()}#${this.restoring ? this.saved : this.fragment()}`;
    const client = connect(this.frame, { timeout: this.timeout ?? DEFAULT_TIMEOUT });
    this.client = client;
    client.ready.catch((e) => {
      if (this.client !== client) return;
      this.readyReject(e);
      this.emit('error', { name: e.name, message: e.message });
    });
    for (const name of EVENTS) client.on(name, (data) => this.heard(client, name, data));
  }

  /** No page to load: every promise rejects with `error`, and an error event says why. */
  fail(error) {
    this.shadowRoot.replaceChildren();
    this.frame = null;
    this.sourceError = error;
    this.readyReject(error);
    setTimeout(() => this.emit('error', { name: error.name, message: error.message }));
  }

  heard(client, name, data) {
    if (client !== this.client) return;
    if (name === 'ready') {
      this.isReady = true;
      this.readyResolve();
      // Autoplay is the element's: it plays only while on screen and the tab is visible.
      if (this.wantsToPlay) this.syncRunning();
    }
    if (name === 'resize' && !this.hasAttribute('height')) this.frame.style.height = `${Math.ceil(data.height)}px`;
    if (name === 'configChanged') this.remember();
    if (name === 'step') this.remember(REMEMBER_MS);
    this.emit(name, data);
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(`backprop-playground:${name}`, { detail, bubbles: true, composed: true }));
  }

  /** Keeps the link with the weights (at most every `every` ms), so that a move restores it. */
  remember(every = 0) {
    const now = performance.now();
    if (every && now - (this.rememberedAt ?? -Infinity) < every) return Promise.resolve();
    this.rememberedAt = now;
    const client = this.client;
    if (!client) return Promise.resolve();
    return client.link({ weights: true }).then((f) => client === this.client && (this.saved = f), () => {});
  }

  attributeChangedCallback(name) {
    if (name === 'title' && this.frame) this.frame.title = this.getAttribute('title') ?? 'Backprop Playground';
    else if (name === 'height' && this.frame) this.frame.style.height = this.hasAttribute('height') ? `${this.height}px` : '';
    else if (name === 'timeout' && this.client) this.client.timeout = this.timeout ?? DEFAULT_TIMEOUT;
    else if (name === 'autoplay') {
      this.wantsToPlay = this.hasAttribute('autoplay') && !matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.syncRunning();
    } else if (name === 'speed' && this.client) {
      if (this.settingSpeed) return;
      // Applied live: a new fragment would start the training over.
      const client = this.client;
      client.setSpeed(this.getAttribute('speed') ?? 'paced').then(() => client === this.client && this.remember(), () => {});
    } else if (name === 'src') {
      this.saved = null;
      if (this.isConnected) this.build(false);
    } else if (isLinkAttribute(name) && this.client) {
      // A new setup from the attributes (a fragment change: the page reads it without reloading).
      this.saved = null;
      this.frame.src = `${this.page()}#${this.fragment()}`;
    }
  }

  syncRunning() {
    if (!this.isReady) return; // no command wakes a lazy iframe that nobody asked for
    const running = this.wantsToPlay && this.visible && !document.hidden;
    this.client.command(running ? 'play' : 'pause').catch(() => {});
  }

  /** One command through the client; a lazy iframe that is asked for something loads now. */
  call(method, ...args) {
    if (this.sourceError) return Promise.reject(this.sourceError);
    this.load();
    if (!this.client) return Promise.reject(new PlaygroundError('DetachedError', `${method}: the element is not in the document`));
    this.frame.loading = 'eager';
    return this.client[method](...args);
  }

  /** A command that changes the state; the restore link is kept before its Promise resolves. */
  async change(method, ...args) {
    const result = await this.call(method, ...args);
    await this.remember();
    return result;
  }

  play() {
    this.wantsToPlay = true;
    return this.visible && !document.hidden ? this.call('play') : Promise.resolve(null);
  }
  pause() {
    this.wantsToPlay = false;
    return this.change('pause');
  }
  step(count = 1, options) {
    return this.change('step', count, options);
  }
  reset() {
    return this.change('reset');
  }
  setConfig(config) {
    return this.change('setConfig', config);
  }
  setSpeed(speed) {
    if (SPEEDS.includes(speed)) {
      this.settingSpeed = true; // the command below applies it: the attribute's change sends none
      this.setAttribute('speed', speed);
      this.settingSpeed = false;
    }
    return this.change('setSpeed', speed);
  }
  getState() {
    return this.call('getState');
  }
  trace(index = 0) {
    return this.call('trace', index);
  }
  link(options) {
    return this.call('link', options);
  }
}

for (const [property, [attribute, kind]] of Object.entries(PROPERTIES)) {
  Object.defineProperty(BackpropPlaygroundElement.prototype, property, {
    configurable: true,
    enumerable: true,
    get() {
      if (kind === 'boolean') return this.hasAttribute(attribute);
      const value = this.getAttribute(attribute);
      if (kind === 'string' || value === null) return value;
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : null;
    },
    set(value) {
      if (kind === 'boolean') this.toggleAttribute(attribute, Boolean(value));
      else if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
  });
}

if (!customElements.get('backprop-playground')) customElements.define('backprop-playground', BackpropPlaygroundElement);
