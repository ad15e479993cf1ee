// A button beside each link shown as text (a result's private link, a plan's share link) copies it. Without
// this script the button stays hidden and the link, selectable text, is copied by hand.
(() => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    const status = button.parentElement.querySelector(".copy-status");
    const say = (text) => { if (status) status.textContent = text; };
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        say(button.dataset.copied);
      } catch {
        // No clipboard here (an address without HTTPS, a refusal): the link stays selected for the keyboard.
        say(button.dataset.selected);
      }
    });
  }
})();
