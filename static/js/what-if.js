// The what-if form without a page load: as a control moves, fetch the what-if page for the answers
// shown and put its outcome beside the form. Without this script the form's button does the same.
(() => {
  const form = document.querySelector("form[data-what-if]");
  const region = document.getElementById("what-if-outcome");
  if (!form || !region) return;
  let timer = null;
  let pending = null;

  // The level as a number and in words (the slider's data-levels, as pathways.forms.LevelRange wrote them).
  const showLevel = (input) => {
    const output = form.querySelector(`output[for="${input.id}"]`);
    if (output) output.value = input.value;
    const words = JSON.parse(input.dataset.levels || "{}")[input.value] || "";
    const shown = form.querySelector(`[data-words-for="${input.id}"]`);
    if (shown) shown.textContent = words;
    if (words) input.setAttribute("aria-valuetext", `${input.value} — ${words}`);
    else input.removeAttribute("aria-valuetext");
  };

  const refresh = async () => {
    const url = `${form.action}?${new URLSearchParams(new FormData(form))}`;
    pending?.abort();
    pending = new AbortController();
    region.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const outcome = page.getElementById("what-if-outcome");
      if (outcome) region.innerHTML = outcome.innerHTML;
      // On the what-if page the address keeps the answers, so it can be shared or reloaded.
      if (form.dataset.whatIf === "page") history.replaceState(null, "", url);
    } catch (error) {
      if (error.name !== "AbortError") form.submit();  // fall back to the page without the script
    } finally {
      region.removeAttribute("aria-busy");
    }
  };

  form.addEventListener("input", (event) => {
    if (event.target.type === "range") showLevel(event.target);
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
})();
