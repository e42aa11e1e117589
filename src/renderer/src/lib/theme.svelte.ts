/** Light or dark, following the OS. */
import { DARK_THEME, LIGHT_THEME, type ChartTheme } from '../../../shared/charts/normalised-prices';

class Theme {
  dark = $state(window.matchMedia('(prefers-color-scheme: dark)').matches);

  constructor() {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
      this.dark = event.matches;
    });
  }

  get chart(): ChartTheme {
    return this.dark ? DARK_THEME : LIGHT_THEME;
  }
}

export const theme = new Theme();
