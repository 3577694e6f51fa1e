// Reply trees. Opens a reply form under the reply being answered (without JavaScript the
// "Reply" link leads to a plain reply page; Escape or Cancel closes it again), and moves
// keyboard focus to the reply a link points at: a permalink (#r-123, where posting a reply
// lands), an "in reply to" link, or the first new reply after "More replies".
(function () {
  "use strict";

  function focusReply(id, scroll) {
    const item = /^r-\d+$/.test(id) ? document.getElementById(id) : null;
    const article = item && item.querySelector(":scope > article");
    if (!article) return false;
    for (let branch = item.closest("details"); branch; branch = branch.parentElement.closest("details")) {
      branch.open = true;
    }
    article.focus({ preventScroll: !scroll });
    return true;
  }

  function focusOnLoad() {
    if (focusReply(location.hash.slice(1), false)) return;
    const from = new URLSearchParams(location.search).get("from");
    if (from && !location.hash) focusReply("r-" + from, true);
  }
  // After "load": the browser's own jump to the #fragment clears focus when it runs.
  if (document.readyState === "complete") focusOnLoad();
  else window.addEventListener("load", function () { setTimeout(focusOnLoad, 0); });
  window.addEventListener("hashchange", function () {
    focusReply(location.hash.slice(1), false);
  });

  const template = document.getElementById("inline-reply-template");
  if (!template) return;
  let opened = 0;

  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.reply-link[data-reply-to]");
    if (!link) return;
    event.preventDefault();
    const article = link.closest("article");
    const existing = article.parentElement.querySelector(":scope > form.inline-reply");
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    const form = template.content.firstElementChild.cloneNode(true);
    form.action = link.href;
    const textarea = form.querySelector("textarea");
    const label = form.querySelector("label");
    const author = article.querySelector(".author");
    textarea.id = "inline-reply-" + link.dataset.replyTo + "-" + ++opened;
    label.htmlFor = textarea.id;
    label.textContent = "Reply to " + (author ? author.textContent.trim() : "this reply");
    function close() {
      form.remove();
      link.focus();
    }
    form.querySelector("[data-cancel]").addEventListener("click", close);
    // Escape closes the form, as Cancel does; the text stays in the browser's drafts.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      close();
    });
    article.insertAdjacentElement("afterend", form);
    form.dispatchEvent(new CustomEvent("medius:editor", { bubbles: true }));
    textarea.focus();
  });
})();
