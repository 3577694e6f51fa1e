// Opens a reply form under the reply being answered. Without JavaScript the
// "Reply" link leads to a plain reply page, so this only saves a page load.
(function () {
  "use strict";
  const template = document.getElementById("inline-reply-template");
  if (!template) return;

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
    const author = article.querySelector(".author");
    textarea.setAttribute("aria-label", "Reply to " + (author ? author.textContent.trim() : "this reply"));
    form.querySelector("[data-cancel]").addEventListener("click", function () {
      form.remove();
      link.focus();
    });
    article.insertAdjacentElement("afterend", form);
    textarea.focus();
  });
})();
