// While a question is asked, offers existing questions like it under the title field.
// Fetches the bare list (fragment=1) of the page the preview step links to without
// JavaScript.
(function () {
  "use strict";
  const box = document.getElementById("similar-questions");
  const title = box && document.getElementById(box.dataset.title);
  if (!title) return;
  const WAIT_MS = 300;
  let timer = null;
  let pending = null;
  let shown = title.value.trim();

  function refresh() {
    const text = title.value.trim();
    if (text === shown) return;
    shown = text;
    if (pending) pending.abort();
    if (text.length < 3) {
      box.replaceChildren();
      return;
    }
    pending = new AbortController();
    const url = box.dataset.url + "?" + new URLSearchParams({ title: text, fragment: "1" });
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        const fragment = new DOMParser().parseFromString(html, "text/html");
        box.replaceChildren(...fragment.body.childNodes);
      })
      .catch(function () {
        // A superseded or failed request leaves the last list in place.
      });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, WAIT_MS);
  });
})();
