// Enhances every Markdown editor ([data-editor] around a textarea): a formatting toolbar
// (@github/markdown-toolbar-element, an ES module imported from the URL in this script
// tag's data-toolbar, so static file hashing still applies), a live preview
// rendered by the server exactly as a post will be, a live character count, and a draft
// kept in this browser, under the id of the member who typed it (drafts.js clears them all
// at logout). Images: an Image button, dropping a file on the text or pasting one uploads
// it (data-image-upload-url) after asking for its alt text, then inserts ![alt](url).
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

  const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"];

  function markdownAlt(text) {
    return text.replace(/[\\\[\]]/g, "\\$&").replace(/\s+/g, " ").trim();
  }

  // Asks for the alt text in a dialog; resolves to the text, or null if cancelled.
  function askAltText(editor, fileName) {
    return new Promise(function (resolve) {
      const dialog = document.createElement("dialog");
      dialog.className = "alt-dialog";
      const form = document.createElement("form");
      form.method = "dialog";
      const id = "alt-" + ++counter;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = "Describe the image for people who cannot see it";
      const input = document.createElement("input");
      input.type = "text";
      input.id = id;
      input.required = true;
      input.maxLength = 300;
      input.setAttribute("aria-describedby", id + "-hint");
      const hint = document.createElement("small");
      hint.id = id + "-hint";
      hint.textContent = "For example: a massage ball between the outer hip and the wall. (" + fileName + ")";
      const buttons = document.createElement("div");
      buttons.className = "button-group";
      const ok = document.createElement("button");
      ok.type = "submit";
      ok.textContent = "Insert image";
      const cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "secondary";
      cancel.textContent = "Cancel";
      buttons.append(ok, cancel);
      form.append(label, input, hint, buttons);
      dialog.append(form);
      editor.append(dialog);
      let answer = null;
      form.addEventListener("submit", function (event) {
        if (!input.value.trim()) {
          event.preventDefault();
          input.setCustomValidity("Write a short description of the image.");
          input.reportValidity();
          return;
        }
        answer = input.value.trim();
      });
      input.addEventListener("input", function () {
        input.setCustomValidity("");
      });
      cancel.addEventListener("click", function () {
        dialog.close();
      });
      dialog.addEventListener("close", function () {
        dialog.remove();
        resolve(answer);
      });
      dialog.showModal();
      input.focus();
    });
  }

  function addImages(editor, textarea, toolbar) {
    const url = editor.dataset.imageUploadUrl;
    const form = textarea.form;
    const token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !token) return;
    let status = null; // made on first use, so an editor without images has no extra live region
    const picker = document.createElement("input");
    picker.type = "file";
    picker.accept = IMAGE_TYPES.join(",");
    picker.hidden = true;
    picker.setAttribute("aria-hidden", "true");
    picker.tabIndex = -1;
    editor.append(picker);
    // The plain file field is for browsers without JavaScript; here the button does it.
    form.querySelectorAll("[data-image-fallback]").forEach(function (fallback) {
      fallback.hidden = true;
      fallback.disabled = true;
    });

    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-image";
    button.dataset.mdButton = "image";
    button.tabIndex = -1;
    button.textContent = "Image";
    button.setAttribute("aria-label", "Image, upload one");
    button.title = "Image: upload, drop or paste one";
    toolbar.append(button);

    function say(message, failed) {
      if (!status) {
        status = document.createElement("p");
        status.className = "image-status";
        status.setAttribute("role", "status");
        textarea.after(status);
      }
      status.textContent = message;
      status.classList.toggle("error", Boolean(failed));
    }

    function insert(text, start, end) {
      const before = textarea.value.slice(0, start);
      const after = textarea.value.slice(end);
      const lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
      const tail = after.startsWith("\n") ? "" : "\n\n";
      textarea.focus();
      textarea.setRangeText(lead + text + tail, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function handle(file) {
      if (!file) return;
      if (IMAGE_TYPES.indexOf(file.type) === -1) {
        say("Only JPEG, PNG, WebP or GIF images can be posted.", true);
        return;
      }
      // Where the image goes: the caret when the text had the focus, else the end.
      const focused = document.activeElement === textarea;
      const start = focused ? textarea.selectionStart : textarea.value.length;
      const end = focused ? textarea.selectionEnd : textarea.value.length;
      askAltText(editor, file.name || "pasted image").then(function (alt) {
        if (!alt) {
          textarea.focus();
          return;
        }
        say("Uploading the image\u2026");
        const data = new FormData();
        data.append("csrfmiddlewaretoken", token.value);
        data.append("image", file, file.name || "pasted.png");
        fetch(url, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) {
            return response
              .json()
              .catch(function () {
                return { error: "The image could not be uploaded. Please try again." };
              })
              .then(function (body) {
                if (!response.ok) throw new Error(body.error || "The image could not be uploaded.");
                return body;
              });
          })
          .then(function (body) {
            insert("![" + markdownAlt(alt) + "](" + body.url + ")", start, end);
            say("Image added. It is shown once you post.");
          })
          .catch(function (error) {
            say(error.message || "The image could not be uploaded.", true);
          });
      });
    }

    button.addEventListener("click", function () {
      textarea.focus(); // the caret is where the image goes
      picker.click();
    });
    picker.addEventListener("change", function () {
      handle(picker.files[0]);
      picker.value = "";
    });
    function fileFrom(list) {
      return Array.from(list || []).find(function (file) {
        return file.type.startsWith("image/");
      });
    }
    textarea.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).indexOf("Files") !== -1) {
        event.preventDefault();
        editor.classList.add("dropping");
      }
    });
    textarea.addEventListener("dragleave", function () {
      editor.classList.remove("dropping");
    });
    textarea.addEventListener("drop", function (event) {
      editor.classList.remove("dropping");
      const file = event.dataTransfer && fileFrom(event.dataTransfer.files);
      if (!file) return;
      event.preventDefault();
      handle(file);
    });
    textarea.addEventListener("paste", function (event) {
      const file = event.clipboardData && fileFrom(event.clipboardData.files);
      if (!file) return;
      event.preventDefault();
      handle(file);
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
    addImages(editor, textarea, toolbar);
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
