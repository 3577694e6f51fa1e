// Enhances every Markdown editor ([data-editor] around a textarea): a formatting toolbar
// (@github/markdown-toolbar-element, an ES module imported from the URL in this script
// tag's data-toolbar, so static file hashing still applies), a live preview
// rendered by the server exactly as a post will be, a live character count, and a draft
// kept in this browser, under the id of the member who typed it (drafts.js clears them all
// at logout).
// Without JavaScript the textarea and the form's own Preview button still work.
(function () {
  "use strict";
  const DRAFT_PREFIX = "medius-draft:";
  const SENT_KEY = "medius-draft-sent";
  const SENT_WINDOW_MS = 2 * 60 * 1000; // a form shown again comes straight back
  const PREVIEW_WAIT_MS = 500;
  const SAVE_WAIT_MS = 400;
  // [style, visible text, accessible name]: each name contains its visible text (WCAG 2.5.3),
  // so "click 1. List" works for someone using speech input.
  const BUTTONS = [
    ["header-1", "H", "Heading"],
    ["bold", "B", "Bold"],
    ["italic", "I", "Italic"],
    ["quote", "\u201C", "Quote"],
    ["code", "</>", "Code"],
    ["link", "Link", "Link"],
    ["unordered-list", "\u2022 List", "\u2022 List, bulleted"],
    ["ordered-list", "1. List", "1. List, numbered"],
  ];
  const SHORTCUTS = { b: "bold", i: "italic", k: "link" };
  let counter = 0;
  const script = document.currentScript;
  if (script && script.dataset.toolbar) {
    import(script.dataset.toolbar).catch(function () {
      // Without the toolbar the buttons do nothing; the editor still works.
    });
  }

  function storage(kind) {
    try {
      const store = window[kind];
      store.getItem("x");
      return store;
    } catch (error) {
      return null; // private mode or storage switched off: no drafts, everything else works
    }
  }
  const member = document.body.dataset.member || "";
  const local = member ? storage("localStorage") : null; // no member, no drafts
  const session = storage("sessionStorage");

  function actionPath(form) {
    return new URL(form.action || location.href, location.href).pathname;
  }

  function draftFields(form) {
    return Array.from(form.querySelectorAll("textarea[name], input[type=text][name]"));
  }

  function draftKey(form, field) {
    return DRAFT_PREFIX + member + "|" + location.pathname + "|" + actionPath(form) + "|" + field.name;
  }

  // A form sent on the previous page: if the server showed the form again (an error, a
  // preview, the urgent-care notice), the text goes back into the drafts; if it moved on,
  // the post was made and the drafts stay deleted.
  function settleSentDrafts() {
    if (!session || !local) return;
    const raw = session.getItem(SENT_KEY);
    if (!raw) return;
    session.removeItem(SENT_KEY);
    let sent;
    try {
      sent = JSON.parse(raw);
    } catch (error) {
      return;
    }
    if (sent.action !== location.pathname || Date.now() - sent.at > SENT_WINDOW_MS) return;
    Object.entries(sent.drafts || {}).forEach(function ([key, value]) {
      local.setItem(key, value);
    });
  }

  function keepDrafts(form, editor) {
    if (!local || form.dataset.drafts) return;
    form.dataset.drafts = "on";
    const fields = draftFields(form);
    const restored = [];
    fields.forEach(function (field) {
      const saved = local.getItem(draftKey(form, field));
      if (saved && saved !== field.value) {
        restored.push([field, field.value]);
        field.value = saved;
      }
    });
    if (restored.length) {
      const note = document.createElement("p");
      note.className = "draft-note";
      note.setAttribute("role", "status");
      note.textContent = "Restored the text you had not sent yet, kept in this browser. ";
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "link-button";
      discard.textContent = "Discard it";
      discard.addEventListener("click", function () {
        restored.forEach(function ([field, original]) {
          field.value = original;
          local.removeItem(draftKey(form, field));
        });
        note.remove();
        fields[0].focus();
      });
      note.append(discard);
      editor.prepend(note);
    }
    let timer = null;
    let dirty = false; // only typing here changes the stored draft
    function save() {
      if (!dirty) return;
      dirty = false;
      fields.forEach(function (field) {
        const key = draftKey(form, field);
        try {
          if (field.value.trim() && field.value !== field.defaultValue) {
            local.setItem(key, field.value);
          } else {
            local.removeItem(key);
          }
        } catch (error) {
          // Storage full: the draft is not kept, the form works as before.
        }
      });
    }
    form.addEventListener("input", function () {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_WAIT_MS);
    });
    window.addEventListener("pagehide", function () {
      if (form.isConnected && !form.dataset.sent) save();
    });
    form.addEventListener("submit", function () {
      clearTimeout(timer);
      form.dataset.sent = "1";
      const drafts = {};
      fields.forEach(function (field) {
        const key = draftKey(form, field);
        if (field.value.trim()) drafts[key] = field.value;
        local.removeItem(key);
      });
      if (session) {
        session.setItem(SENT_KEY, JSON.stringify({ action: actionPath(form), at: Date.now(), drafts: drafts }));
      }
    });
  }

  function addToolbar(editor, textarea) {
    if (!textarea.id) textarea.id = "editor-" + ++counter;
    const toolbar = document.createElement("markdown-toolbar");
    toolbar.className = "md-toolbar";
    toolbar.setAttribute("for", textarea.id);
    toolbar.setAttribute("aria-label", "Formatting");
    toolbar.setAttribute("aria-controls", textarea.id);
    BUTTONS.forEach(function ([style, text, label]) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.mdButton = style;
      button.className = "md-button md-" + style;
      button.tabIndex = -1; // the toolbar is one tab stop; arrow keys move inside it
      button.textContent = text;
      button.setAttribute("aria-label", label);
      button.title = label;
      toolbar.append(button);
    });
    textarea.before(toolbar);
    textarea.addEventListener("keydown", function (event) {
      const style = (event.ctrlKey || event.metaKey) && SHORTCUTS[event.key.toLowerCase()];
      if (!style || event.altKey || event.shiftKey) return;
      event.preventDefault();
      toolbar.querySelector("[data-md-button='" + style + "']").click();
    });
    return toolbar;
  }

  function addPreview(editor, textarea, toolbar) {
    const url = editor.dataset.previewUrl;
    const form = textarea.form;
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !token) return;
    const panel = document.createElement("section");
    panel.className = "live-preview";
    panel.id = textarea.id + "-preview";
    panel.hidden = true;
    panel.setAttribute("aria-label", "Preview");
    const heading = document.createElement("p");
    heading.className = "live-preview-label";
    heading.textContent = "Preview: how it will look";
    const body = document.createElement("div");
    body.className = "post-body prose";
    panel.append(heading, body);
    textarea.after(panel);

    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button md-preview";
    toggle.dataset.mdButton = "preview"; // joins the toolbar's arrow-key focus; no formatting
    toggle.tabIndex = -1;
    toggle.textContent = "Preview";
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", panel.id);
    toolbar.append(toggle);

    let timer = null;
    let pending = null;
    let shown = null;
    function refresh() {
      const text = textarea.value;
      if (text === shown) return;
      shown = text;
      if (pending) pending.abort();
      if (!text.trim()) {
        body.replaceChildren();
        const empty = document.createElement("p");
        empty.className = "muted";
        empty.textContent = "Nothing to preview yet.";
        body.append(empty);
        return;
      }
      pending = new AbortController();
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token.value);
      data.append("body", text);
      fetch(url, { method: "POST", body: data, signal: pending.signal, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            return response.text().then(function (message) {
              throw new Error(response.status === 400 ? message : "The preview is unavailable.");
            });
          }
          return response.text();
        })
        .then(function (html) {
          const fragment = new DOMParser().parseFromString(html, "text/html");
          body.replaceChildren(...fragment.body.childNodes);
        })
        .catch(function (error) {
          if (error.name === "AbortError") return;
          shown = null;
          const failed = document.createElement("p");
          failed.className = "muted";
          failed.textContent = error.message || "The preview is unavailable.";
          body.replaceChildren(failed);
        });
    }
    toggle.addEventListener("click", function () {
      const open = panel.hidden;
      panel.hidden = !open;
      toggle.setAttribute("aria-pressed", String(open));
      if (open) refresh();
    });
    textarea.addEventListener("input", function () {
      if (panel.hidden) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_WAIT_MS);
    });
  }

  // The server counts what the browser sends: each line break as two characters (CR LF)
  // and each character as one, however many UTF-16 units it takes here.
  function sentLength(text) {
    let length = 0;
    for (const character of text) length += character === "\n" ? 2 : 1;
    return length;
  }

  // A live count under the textarea, from its data-max-length (the form field's limit,
  // which is not a maxlength: that would cut a long paste short without a word). The
  // visible count changes as one types; a polite live region speaks only when the text
  // comes near the limit, goes over it, or comes back within it.
  function addCounter(editor, textarea) {
    const max = parseInt(textarea.dataset.maxLength || "", 10);
    if (!max) return;
    const count = document.createElement("p");
    count.className = "char-count";
    const visible = document.createElement("span");
    const live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    count.append(visible, live);
    textarea.after(count);
    count.id = textarea.id + "-count";
    visible.id = count.id + "-text";
    const described = (textarea.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    textarea.setAttribute("aria-describedby", described.concat(visible.id).join(" "));
    const number = function (n) {
      return n.toLocaleString("en-GB");
    };
    let state = "ok";
    function update() {
      const length = sentLength(textarea.value);
      const next = length > max ? "over" : length >= max * 0.9 ? "near" : "ok";
      if (next === "over") {
        visible.textContent = number(length - max) + " characters over the limit of " + number(max) + ": shorten it before posting.";
      } else {
        visible.textContent = number(length) + " of " + number(max) + " characters";
      }
      count.classList.toggle("near", next === "near");
      count.classList.toggle("over", next === "over");
      if (next !== state) {
        if (next === "over") {
          live.textContent = "Over the limit by " + number(length - max) + " characters. Nothing has been cut; shorten it before posting.";
        } else if (next === "near") {
          live.textContent = number(max - length) + " characters left, of " + number(max) + ".";
        } else {
          live.textContent = "Within the limit again.";
        }
        state = next;
      }
    }
    textarea.addEventListener("input", update);
    update();
  }

  function enhance(editor) {
    const textarea = editor.querySelector("textarea");
    if (!textarea || editor.dataset.enhanced) return;
    editor.dataset.enhanced = "1";
    const toolbar = addToolbar(editor, textarea);
    addPreview(editor, textarea, toolbar);
    addCounter(editor, textarea);
    if (textarea.form) keepDrafts(textarea.form, editor);
  }

  settleSentDrafts();
  document.querySelectorAll("[data-editor]").forEach(enhance);
  // thread.js announces the reply forms it opens in place.
  document.addEventListener("medius:editor", function (event) {
    event.target.querySelectorAll("[data-editor]").forEach(enhance);
  });
})();
