// The docs and the tutorial take the system's light or dark theme, and follow its changes.
import { onSystemThemeChange, showTheme, systemDark } from './js/system-theme.js';

showTheme(systemDark());
onSystemThemeChange(() => showTheme(systemDark()));
