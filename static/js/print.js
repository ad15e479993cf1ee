// On paper every folded section is open. The print stylesheet opens them without this script where the browser
// knows ::details-content; elsewhere this opens them before printing, and folds back after, those it opened.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
})();
