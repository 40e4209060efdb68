// Building DOM from data with text nodes only: nothing is ever parsed as HTML.

/**
 * An element: `props.text` is its text, `props.value` rides along as data-value (exact numbers for
 * the tests), `props.onclick` a click listener; anything else is an attribute.
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'value') node.dataset.value = String(v);
    else if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}
