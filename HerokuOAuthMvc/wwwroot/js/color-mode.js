// Follows the visitor's system colour scheme with Bootstrap's data-bs-theme, and keeps following it when the
// system switches. Loaded in <head> without defer so the theme is set before the first paint (no flash of the
// light theme), and from a file rather than inline so the Content-Security-Policy can forbid inline script.
(() => {
  'use strict';

  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.setAttribute('data-bs-theme', dark.matches ? 'dark' : 'light');

  apply();
  dark.addEventListener('change', apply);
})();
