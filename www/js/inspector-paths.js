// The inspector's "full chain" section: ∂L/∂w as the sum over every path to the output of the
// product of local derivatives, with one button per path (choosing one lights it up on the
// diagram). Text nodes only; exact values ride along in data-value attributes for tests.
import { el } from './dom.js';
import { factor, num, plural, superscript } from './notation.js';
import { relativeError } from './chain.js';

/** A path's identity across renders (its neurons and skips), to keep the chosen one chosen. */
export const pathKey = (path) => path.edges.map((e) => `${e.layer}:${e.j}>${e.skip ? 's' : ''}${e.i}`).join(' ') || `${path.nodes[0].column}:${path.nodes[0].index}`;

/** Digits of a BigInt count, grouped; a huge one as a power of ten too. */
export function countText(count) {
  const digits = count.toString();
  if (digits.length <= 15) return digits.replace(/\B(?=(\d{3})+$)/g, ' ');
  return `≈ ${digits[0]}.${digits.slice(1, 3)}·10${superscript(String(digits.length - 1))}`;
}

/**
 * @param chain     chainPaths(…) of the selected parameter
 * @param options   { expanded, chosen (a pathKey or null), numeric (finite difference or null),
 *                    onToggle(), onChoose(path or null) }
 * @returns the section's element
 */
export function renderPaths(chain, { expanded, chosen, numeric, onToggle, onChoose }) {
  const section = el('section', { class: 'chain-paths', id: 'chain-paths' });
  const toggle = el('button', {
    type: 'button', id: 'chain-expand', class: 'link', 'data-focus-key': 'chain-expand', 'aria-expanded': String(expanded), 'aria-controls': 'chain-paths-body',
    text: expanded ? 'Hide the full chain' : `Expand the full chain (${plural(chain.count, 'path', countText(chain.count))})`,
    onclick: onToggle,
  });
  section.append(toggle);
  if (!expanded) return section;
  const body = el('div', { id: 'chain-paths-body' });
  const capped = BigInt(chain.shown.length) < chain.count;
  const lengths = new Set(chain.shown.map((p) => p.factors.length)); // skips make shorter paths
  body.append(
    el('p', { class: 'note', text: 'The chain rule for y = f(g(x)) is dy/dx = (dy/dg)·(dg/dx). A network chains it once per layer, and where a weight reaches the loss along several paths, their products add:' }),
    el('p', { class: 'equation', text: `∂L/∂${chain.label} = Σ over paths ${chain.form.join(' · ')}` }),
    el('p', { class: 'sub', id: 'chain-count', value: chain.count.toString(), text: capped ? `${countText(chain.count)} paths; showing the largest ${chain.shown.length} by |product|.` : `${plural(chain.count, 'path', countText(chain.count))}${lengths.size === 1 ? `, each a product of ${plural([...lengths][0], 'factor')}` : ''}:` }),
  );
  const list = el('ol', { class: 'paths', id: 'chain-path-list' });
  chain.shown.forEach((path, k) => {
    const key = pathKey(path);
    const pressed = key === chosen;
    const row = el('button', {
      type: 'button', class: 'path', 'aria-pressed': String(pressed), value: path.product, 'data-focus-key': key,
      'aria-label': `Path ${k + 1}: product ${num(path.product)}. ${pressed ? 'Shown on the diagram.' : 'Show it on the diagram.'}`,
      onclick: () => onChoose(pressed ? null : path),
    }, [
      el('span', { class: 'product', text: num(path.product), value: path.product }),
      el('span', { class: 'factors-line', text: ` = ${path.factors.map((f) => factor(f.value)).join(' · ')}` }),
      el('span', { class: 'names', text: path.factors.map((f) => f.symbol).join(' · ') }),
    ]);
    list.append(el('li', {}, [row]));
  });
  body.append(list);
  const results = el('dl', { class: 'results' });
  const row = (name, v, id, extra = '') => results.append(el('div', { id }, [el('dt', { text: name }), el('dd', { text: `${num(v)}${extra}`, value: v })]));
  row(capped ? `Sum of the ${chain.shown.length} shown paths` : `Sum of the ${plural(chain.shown.length, 'path')}`, chain.shownSum, 'paths-shown-sum');
  if (capped) row(`Sum over all ${countText(chain.count)} paths`, chain.sum, 'paths-sum');
  row('Backprop’s gradient (core)', chain.grad, 'paths-grad', ` — relative error ${num(relativeError(chain.sum, chain.grad, 1e-7))}`);
  if (numeric !== null) row('Finite difference (core)', numeric, 'paths-numeric');
  body.append(results);
  if (chain.shown.some((p) => p.edges.some((e) => e.skip))) {
    body.append(el('p', { class: 'note', text: 'A residual connection, a = a_prev + f(z), is a path of its own: its factor ∂a/∂a_prev is 1, so the gradient passes it undiminished.' }));
  }
  if (chain.combined) {
    body.append(el('p', { class: 'note', text: 'At the output, the loss and its activation combine into one factor, δ = ∂L/∂z: with a softmax the outputs are coupled through its Jacobian, so a path ends at z of an output, where δ already sums over them.' }));
  }
  section.append(body);
  return section;
}
