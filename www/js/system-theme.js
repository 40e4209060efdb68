// The system's light or dark preference (prefers-color-scheme), followed live. The page uses it
// while its link names no theme (a link's theme and the toggle win); the docs and the tutorial
// always do.
const query = matchMedia('(prefers-color-scheme: dark)');

/** Whether the system asks for a dark theme now. */
export const systemDark = () => query.matches;

/** Calls `fn` whenever the system's preference changes. */
export const onSystemThemeChange = (fn) => query.addEventListener('change', fn);

/** Puts the dark theme on or off: the body's variables, and the paper below it. */
export function showTheme(dark) {
  document.body.classList.toggle('dark', dark);
  document.documentElement.classList.toggle('dark', dark);
}
