// The address bar and the page options: a link opens as a new setup (its problems reported by
// name), the fragment follows every change (replaced, not added to history), and the page
// options a link carries (embed mode, shown and hidden controls, theme, hidden text) are applied.
// Tells its listeners 'options' ({ options, palette }) when they change.
import { canvasPalette } from '../colors.js';
import { onSystemThemeChange, showTheme, systemDark } from '../system-theme.js';
import { Emitter } from './emitter.js';

const $ = (id) => document.getElementById(id);
const LINK_DELAY_MS = 250;

/** The link options without the settings: what an "open in full playground" or embed link adds. */
export function optionsFragment(options) {
  const parts = [];
  if (options.embed) parts.push('embed=1');
  if (options.controls) parts.push(`controls=${options.controls.join(',')}`);
  if (options.themeChosen) parts.push(`theme=${options.theme}`);
  if (options.speed === 'fast') parts.push('speed=fast'); // Paced, the default, is left out
  for (const h of options.hide) parts.push(`${h}_hide=true`);
  if (options.hideText) parts.push('hideText=true');
  return parts.join('&');
}

export class LinkSync extends Emitter {
  constructor(session, { messages, reducedMotion, embedDefaults }) {
    super();
    this.session = session;
    this.messages = messages;
    this.reducedMotion = reducedMotion;
    /** The controls an embed shows when its link names none (from the core's schema). */
    this.embedDefaults = embedDefaults;
    // `themeChosen`: the theme came from the link or the toggle (and goes into the link); without
    // it the page follows the system's preference.
    this.options = { embed: false, controls: null, hide: [], theme: 'light', themeChosen: false, hideText: false, speed: 'paced' };
    /** The theme's canvas colours, read when the theme is applied (not every frame). */
    this.palette = null;
    /** Controls an open lesson needs, shown in embed mode too. */
    this.lessonControls = [];
    /** Parts of the link that belong to the page, not the core (a lesson): { strip, fragment }. */
    this.parts = [];
    /** The fragment this page last wrote, to tell its own changes from a pasted link. */
    this.written = null;
    this.timer = 0;
    session.on('config', () => this.schedule());
    session.on('speed', (speed) => {
      this.options = { ...this.options, speed };
      this.schedule();
    });
    // With the hand editor open the link keeps the weights, so each edit and step goes into it.
    session.on('params', () => this.keepsWeights() && this.schedule());
    $('theme-toggle').addEventListener('click', () => {
      // A page option like any other: it goes into the link, so a shared link keeps the theme.
      this.apply({ ...this.options, theme: this.options.theme === 'dark' ? 'light' : 'dark', themeChosen: true });
      this.schedule();
    });
    onSystemThemeChange(() => !this.options.themeChosen && this.palette && this.apply(this.options));
    window.addEventListener('hashchange', () => {
      // A link pasted or followed in this tab (not our own replaceState) opens as a new setup.
      if (location.hash !== this.written && !session.crashed) this.open(location.hash);
    });
  }

  /** The whole address of this state, with the page options (`weights`: the trained parameters,
   *  also kept whenever a part of the page asks, as the open hand editor does). */
  hash(weights = false) {
    const extra = [optionsFragment(this.options), ...this.parts.map((p) => p.fragment())].filter(Boolean).join('&');
    return `#${this.session.link(weights || this.keepsWeights())}${extra ? `&${extra}` : ''}`;
  }

  /** Whether a part of the page wants the weights in the link (then each change goes into it). */
  keepsWeights() {
    return this.parts.some((p) => p.weights?.());
  }

  /** The controls an open lesson needs (shown even where an embed hides them). */
  showForLesson(names) {
    this.lessonControls = names;
    if (this.palette) this.apply(this.options);
  }

  /**
   * A part of the link the page itself reads: `strip(hash)` takes it out before the core reads the
   * rest and returns { hash, problems } (problems named like the core's, reported with them);
   * `fragment()` writes it; `weights()` (optional) true keeps the weights in the link.
   */
  addPart(part) {
    this.parts.push(part);
  }

  /** Keeps the address bar's fragment in step with the settings. */
  schedule() {
    // The way out of an embed must be right from the first frame, not after the debounce.
    if (this.options.embed) $('open-full').href = `./#${this.session.link(false)}`;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.session.crashed) return;
      const hash = this.hash();
      if (hash !== location.hash) {
        this.written = hash;
        history.replaceState(null, '', hash);
      }
    }, LINK_DELAY_MS);
  }

  cancel() {
    clearTimeout(this.timer);
  }

  /** Opens a link: a new engine from its fragment, its problems reported, its options applied. */
  open(hash) {
    // The core reads a missing theme as light; only a valid one named in the link is a choice.
    const themeChosen = /(?:^#?|&)theme=(?:light|dark)(?:&|$)/.test(hash);
    const own = [];
    for (const part of this.parts) {
      const stripped = part.strip(hash);
      hash = stripped.hash;
      own.push(...stripped.problems);
    }
    const report = this.session.openLink(hash);
    this.apply({ ...report.options, themeChosen });
    this.session.setSpeed(report.options.speed);
    this.schedule(); // with the link's own options (an embed's way out, from the first frame)
    const problems = [...report.errors, ...own, ...report.notices.map((n) => `Ignored: ${n}.`)];
    if (problems.length) this.messages.show(`This link could not be read in full. ${problems.map((p) => p.replace(/\.?$/, '.')).join(' ')}`);
    if (report.options.autoplay && this.reducedMotion.matches) {
      this.messages.show('This playground would start training on its own, but your system asks for reduced motion.', { label: 'Play', run: () => this.session.setPlaying(true) });
    } else if (report.options.autoplay) this.session.setPlaying(true);
    return report;
  }

  /** Embed mode, shown and hidden controls, theme and hidden text. */
  apply(options) {
    const theme = options.themeChosen ? options.theme : systemDark() ? 'dark' : 'light';
    this.options = { ...options, theme, controls: options.controls ?? null };
    const dark = theme === 'dark';
    document.body.classList.toggle('embed', options.embed);
    showTheme(dark);
    $('theme-toggle').setAttribute('aria-pressed', String(dark));
    document.body.classList.toggle('hide-text', options.hideText);
    this.palette = canvasPalette(getComputedStyle(document.body));
    // An embedded lesson shows what its tasks ask the learner to use, whatever the embed chose.
    const shown = options.embed ? new Set([...(options.controls ?? this.embedDefaults), ...this.lessonControls]) : null;
    for (const el of document.querySelectorAll('[data-control]')) {
      const name = el.dataset.control;
      el.classList.toggle('control-hidden', options.hide.includes(name) || (shown !== null && !shown.has(name)));
    }
    $('open-full').hidden = !options.embed;
    for (const panel of document.querySelectorAll('.side-column .side-panel')) {
      // A panel with nothing left to show goes too.
      const visible = [...panel.querySelectorAll('[data-control]')].some((el) => !el.classList.contains('control-hidden'));
      panel.classList.toggle('control-hidden', options.embed && !visible);
    }
    this.emit('options', { options: this.options, palette: this.palette });
  }
}
