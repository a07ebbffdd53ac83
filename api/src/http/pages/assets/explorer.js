// Search as you type on the explorer. Everything else on the pages is plain links and forms that work without
// this script: it only fetches the same server-rendered page for the typed text and swaps the results in, keeping
// the URL in step so that the state can be shared, reloaded, and walked with back and forward.
"use strict";

(function () {
  // On a phone the filters start folded, so that the results come first (without this script they stay open).
  const narrow = window.matchMedia("(max-width: 48rem)");
  function foldFilters() {
    if (!narrow.matches) return;
    for (const details of document.querySelectorAll("details.facets-toggle")) details.open = false;
  }
  foldFilters();

  const form = document.getElementById("search");
  const input = document.getElementById("q");
  if (!form || !input) return;

  const DELAY_MS = 250;
  let timer = 0;
  let controller = null;
  let latest = 0;

  // The form's state as an explorer URL: empty fields left out, back on page 1.
  function urlOf() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
    }
    const query = params.toString();
    return query ? "/?" + query : "/";
  }

  function region(doc) {
    return doc.getElementById("results-region");
  }

  function setBusy(busy) {
    const current = region(document);
    const loading = document.getElementById("loading");
    if (current) current.setAttribute("aria-busy", busy ? "true" : "false");
    if (loading) loading.hidden = !busy;
  }

  function announce(text) {
    const live = document.getElementById("announce");
    if (live) live.textContent = text;
  }

  async function show(url, push) {
    const ticket = ++latest;
    if (controller) controller.abort();
    controller = new AbortController();
    setBusy(true);
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      if (ticket !== latest) return;
      const fresh = region(doc);
      const current = region(document);
      if (fresh && current) {
        current.replaceWith(fresh);
        foldFilters();
        document.title = doc.title;
        const status = document.getElementById("status");
        announce(status ? status.textContent : "");
      } else {
        // An error page: show it whole, as a navigation would.
        const main = document.getElementById("main");
        const other = doc.getElementById("main");
        if (main && other) main.replaceWith(other);
        announce(form.dataset.failed || "");
      }
      if (push) history.pushState({ explorer: true }, "", url);
      else history.replaceState({ explorer: true }, "", url);
    } catch (error) {
      if (error.name === "AbortError") return;
      const status = document.getElementById("status");
      if (status) status.textContent = form.dataset.offline || "";
      announce(form.dataset.offline || "");
    } finally {
      if (ticket === latest) setBusy(false);
    }
  }

  // While typing, the address follows the text without one history entry per key; a pause starts a new entry.
  let typing = false;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(urlOf(), !typing);
      typing = true;
    }, DELAY_MS);
  });
  input.addEventListener("blur", function () {
    typing = false;
  });

  // Back and forward to a state this script pushed: render it again from its URL.
  window.addEventListener("popstate", function () {
    location.reload();
  });
})();
