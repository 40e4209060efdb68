// The copy-paste snippets of the share dialog. Authors paste them into their own pages, so every
// value is written as an escaped attribute: nothing a link carried (a preset's name, a setting)
// can close the attribute or the element and add markup of its own. Pure, tested in Node.

const ENTITIES = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };

/** A value for inside a double-quoted HTML attribute. */
export function escapeAttribute(value) {
  return String(value).replace(/[&"'<>]/g, (c) => ENTITIES[c]);
}

/** `name="value"` pairs, escaped; empty values left out. */
function attributes(pairs) {
  return pairs
    .filter(([, value]) => value !== '' && value !== null && value !== undefined)
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
    .join(' ');
}

/**
 * The iframe and the custom-element snippets for a page at `base` (ending in '/'): `fragment` is
 * the setup's link (without '#'), `controls` the controls shown, `preset` the preset's name or ''.
 */
export function embedSnippets({ base, fragment, controls, preset }) {
  const shown = controls.join(',');
  const iframe = `<iframe ${attributes([
    ['src', `${base}#${fragment}&embed=1&controls=${encodeURIComponent(shown).replace(/%2C/g, ',')}`],
    ['title', 'Backprop Playground'],
    ['width', '100%'],
    ['height', '560'],
    ['style', 'border:0'],
    ['loading', 'lazy'],
  ])}></iframe>`;
  const script = `<script ${attributes([['type', 'module'], ['src', `${base}backprop-playground.js`]])}></script>`;
  const element = `<backprop-playground ${attributes([['preset', preset], ['controls', shown], ['config', fragment]])}></backprop-playground>`;
  return { iframe, element: `${script}\n${element}` };
}
