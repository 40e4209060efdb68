// Share & embed: the link (optionally with the trained weights), and the iframe and custom-element
// snippets with the chosen controls, built with escaped attributes (snippets.js).
import { embedSnippets } from '../../snippets.js';

const $ = (id) => document.getElementById(id);

export class ShareDialog {
  constructor(session, { linkSync, schema }) {
    this.session = session;
    this.linkSync = linkSync;
    this.choices = schema.controls.filter((c) => c.embed).map((c) => c.name);
    $('share').addEventListener('click', () => this.show());
    $('share-weights').addEventListener('change', () => this.update());
    $('share-close').addEventListener('click', () => $('share-dialog').close());
    $('share-copy').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText($('share-link').value);
        $('share-copied').textContent = 'Copied.';
      } catch {
        $('share-link').select();
        $('share-copied').textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
      }
    });
  }

  show() {
    const chosen = new Set(this.linkSync.options.controls ?? this.linkSync.embedDefaults);
    $('embed-controls').replaceChildren(
      ...this.choices.map((name) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = name;
        b.setAttribute('aria-pressed', String(chosen.has(name)));
        b.addEventListener('click', () => {
          b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
          this.update();
        });
        return b;
      }),
    );
    this.update();
    $('share-dialog').showModal();
  }

  update() {
    const base = new URL('./', location.href).href;
    $('share-link').value = `${base}#${this.session.link($('share-weights').checked)}`;
    $('share-copied').textContent = '';
    const controls = [...$('embed-controls').children].filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent);
    const snippets = embedSnippets({ base, fragment: this.session.link(false), controls, preset: this.session.preset });
    $('embed-iframe').value = snippets.iframe;
    $('embed-element').value = snippets.element;
  }
}
