// @mention suggestions in every Markdown editor: typing "@" and a letter or two shows a
// list of members (those in this thread first), from the URL in this script tag's
// data-url. Arrow keys move, Enter or Tab chooses, Escape closes; a click chooses too.
// Without JavaScript a member types the whole @username, which works the same.
(function () {
  "use strict";
  const script = document.currentScript;
  const url = script && script.dataset.url;
  if (!url) return;
  const BEFORE_CARET = /(^|[^\w@\/.])@([A-Za-z0-9_]{1,30})$/;
  let listCounter = 0;

  function postIdFor(textarea) {
    const form = textarea.closest("form");
    const match = form && form.action && form.action.match(/\/r\/(\d+)\/(reply|edit)\//);
    return match ? match[1] : "";
  }

  function attach(textarea) {
    if (textarea.dataset.mentions) return;
    textarea.dataset.mentions = "on";
    const list = document.createElement("ul");
    list.id = "mention-list-" + ++listCounter;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Members to mention");
    list.hidden = true;
    textarea.insertAdjacentElement("afterend", list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", list.id);
    let active = -1;
    let token = null;
    let asked = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      token = null;
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (options[index]) textarea.setAttribute("aria-activedescendant", options[index].id);
    }

    function choose(index) {
      const option = list.querySelectorAll("[role=option]")[index];
      if (!option || !token) return;
      const value = textarea.value;
      const insert = "@" + option.dataset.username + " ";
      textarea.value = value.slice(0, token.start) + insert + value.slice(token.end);
      const caret = token.start + insert.length;
      textarea.setSelectionRange(caret, caret);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      close();
      textarea.focus();
    }

    function show(members) {
      list.replaceChildren();
      members.forEach(function (member, i) {
        const option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.dataset.username = member.username;
        option.textContent = "@" + member.username + (member.name !== member.username ? " (" + member.name + ")" : "") + (member.in_thread ? " · in this thread" : "");
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      list.hidden = members.length === 0;
      if (members.length) highlight(0);
    }

    textarea.addEventListener("input", function () {
      const caret = textarea.selectionStart;
      const match = textarea.value.slice(0, caret).match(BEFORE_CARET);
      if (!match) {
        close();
        return;
      }
      token = { start: caret - match[2].length - 1, end: caret };
      const ask = ++asked;
      const query = new URLSearchParams({ q: match[2], post: postIdFor(textarea) });
      fetch(url + "?" + query, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { members: [] }; })
        .then(function (data) { if (ask === asked && token) show(data.members); })
        .catch(close);
    });

    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      const count = list.querySelectorAll("[role=option]").length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault(); // closes the list only, not an inline reply form
        close();
      }
    });
    textarea.addEventListener("blur", function () { setTimeout(close, 0); });
  }

  function attachAll(root) {
    root.querySelectorAll("[data-editor] textarea").forEach(attach);
  }
  attachAll(document);
  // Inline reply forms are added later, from a template.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) attachAll(node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
})();
