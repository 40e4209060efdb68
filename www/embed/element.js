// <backprop-playground>: the playground in an iframe, driven through its message API.
//   <script type="module" src=".../backprop-playground.js"></script>
//   <backprop-playground preset="deadRelu" controls="play,step,learningRate"></backprop-playground>
// Attributes are link parameters (preset, controls, theme, learningRate, …; `config`
// takes a whole link fragment). Methods play(), pause(), step(n), reset(), setConfig(c) and
// getState() return Promises; the API's events arrive as DOM events (ready, step, diverged,
// configChanged, error). The element sizes itself to its content and pauses off screen or in a hidden tab.

import { TYPE } from './protocol.js';

const PAGE = new URL('../index.html', import.meta.url);
/** The element's own attributes and HTML's global ones: everything else is a link parameter. */
const OWN_ATTRIBUTES = ['config', 'height', 'title', 'autoplay', 'id', 'class', 'style', 'hidden', 'lang', 'dir', 'tabindex', 'slot', 'part'];

let nextId = 1;

export class BackpropPlaygroundElement extends HTMLElement {
  static get observedAttributes() {
    return ['config', 'preset', 'controls', 'theme', 'lesson'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.pending = new Map();
    this.wantsToPlay = false;
    this.onMessage = this.onMessage.bind(this);
  }

  /** The fragment for the iframe: the `config` attribute, then every other attribute, embedded. */
  fragment() {
    const parts = [];
    const config = this.getAttribute('config');
    if (config) parts.push(config.replace(/^#/, ''));
    for (const { name, value } of this.attributes) {
      if (OWN_ATTRIBUTES.includes(name) || name.startsWith('data-') || name.startsWith('aria-')) continue;
      const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase()); // learning-rate → learningRate
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === '' ? 'true' : value)}`);
    }
    parts.push('embed=1');
    return parts.join('&');
  }

  connectedCallback() {
    const frame = document.createElement('iframe');
    frame.title = this.getAttribute('title') ?? 'Backprop Playground';
    frame.style.cssText = `display:block;width:100%;border:0;height:${this.getAttribute('height') ?? '560'}px`;
    frame.src = `${PAGE.href}#${this.fragment()}`;
    this.shadowRoot.replaceChildren(frame);
    this.frame = frame;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    window.addEventListener('message', this.onMessage);
    // Pause while off screen or while the tab is hidden; resume if it was playing.
    this.visible = true;
    // Nothing starts moving by itself for someone whose system asks for reduced motion.
    this.wantsToPlay = this.hasAttribute('autoplay') && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.observer = new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      this.syncRunning();
    });
    this.observer.observe(this);
    this.onVisibility = () => this.syncRunning();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
  }

  attributeChangedCallback() {
    if (this.frame) this.frame.src = `${PAGE.href}#${this.fragment()}`;
  }

  onMessage(event) {
    if (!this.frame || event.source !== this.frame.contentWindow || event.data?.type !== TYPE) return;
    const data = event.data;
    if ('event' in data) {
      if (data.event === 'ready') {
        this.call('subscribe', { events: ['step', 'diverged', 'configChanged', 'resize', 'error'] });
        this.resolveReady();
        // Autoplay is the element's: it plays only while on screen and the tab is visible.
        if (this.wantsToPlay) this.syncRunning();
      }
      if (data.event === 'resize' && !this.hasAttribute('height')) this.frame.style.height = `${Math.ceil(data.data.height)}px`;
      this.dispatchEvent(new CustomEvent(data.event, { detail: data.data }));
      return;
    }
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    this.pending.delete(data.id);
    if ('error' in data) waiting.reject(new Error(data.error));
    else waiting.resolve(data.result);
  }

  /** Sends one command; resolves with its result or rejects with its error. */
  async call(method, args = {}) {
    if (method !== 'subscribe') await this.ready;
    const id = `bp-${nextId++}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.frame.contentWindow.postMessage({ type: TYPE, id, method, args }, PAGE.origin);
    });
  }

  syncRunning() {
    const running = this.wantsToPlay && this.visible && !document.hidden;
    this.call(running ? 'play' : 'pause').catch(() => {});
  }

  play() {
    this.wantsToPlay = true;
    return this.visible && !document.hidden ? this.call('play') : Promise.resolve(null);
  }
  pause() {
    this.wantsToPlay = false;
    return this.call('pause');
  }
  step(count = 1) {
    return this.call('step', { count });
  }
  reset() {
    return this.call('reset');
  }
  setConfig(config) {
    return this.call('setConfig', { config });
  }
  getState() {
    return this.call('getState');
  }
}

if (!customElements.get('backprop-playground')) customElements.define('backprop-playground', BackpropPlaygroundElement);
