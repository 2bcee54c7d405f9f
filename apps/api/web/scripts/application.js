// GOV.UK Frontend's behaviour: error summaries take focus, conditional reveals, the mobile menu.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

// "Print this page" buttons: a board pack is the dashboard on paper.
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
