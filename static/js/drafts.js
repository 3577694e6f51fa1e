// Drafts kept in this browser (editor.js) belong to the member who typed them: their keys
// carry an opaque id of the member (<body data-member>, never the username), and all of
// them are removed when a member logs out here, or when another member's id is seen, so
// the next person on a shared computer never finds someone else's unsent words.
(function () {
  "use strict";
  const PREFIX = "medius-draft:";
  const OWNER_KEY = "medius-draft-owner";
  const SENT_KEY = "medius-draft-sent";
  const body = document.body;
  const member = body.dataset.member || "";
  const logoutPath = body.dataset.logoutUrl;

  function clearAll() {
    try {
      const local = window.localStorage;
      for (let i = local.length - 1; i >= 0; i--) {
        const key = local.key(i);
        if (key && (key.startsWith(PREFIX) || key === OWNER_KEY)) local.removeItem(key);
      }
      window.sessionStorage.removeItem(SENT_KEY);
    } catch (error) {
      // Storage switched off: there were no drafts to begin with.
    }
  }

  try {
    const owner = window.localStorage.getItem(OWNER_KEY);
    if (member && owner && owner !== member) clearAll();
    if (member) window.localStorage.setItem(OWNER_KEY, member);
  } catch (error) {
    // As above.
  }

  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !logoutPath) return;
      const action = new URL(form.getAttribute("action") || location.href, location.href);
      if (action.pathname === logoutPath) clearAll();
    },
    true
  );
})();
