"""Does any script run in the browser? One detector, used on the site and on a control page.

``arm(context)`` installs an init script in every page and frame of a browser context
before any of the page's own script runs:

- ``alert``, ``prompt``, ``confirm`` and ``print`` are replaced by traps that push to
  ``window.__calls``; a real dialog that still opens (from a frame the traps missed)
  is counted by ``page.on("dialog")``;
- every Content-Security-Policy violation is pushed to ``window.__executed``: with the
  site's policy (no inline script) an injected ``<script>`` or ``on*`` handler is
  blocked rather than run, and the violation is how the attempt shows.

After the page has loaded, ``inspect`` reads both lists and walks the whole DOM of every
frame for ``on*`` attributes, ``javascript:`` (or ``vbscript:``, ``data:``) URLs, scripts
that are not the site's own files, and frames, objects or refreshes nobody asked for.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

INIT_SCRIPT = """
(() => {
  const calls = [], executed = [];
  Object.defineProperty(window, "__calls", {value: calls});
  Object.defineProperty(window, "__executed", {value: executed});
  for (const name of ["alert", "prompt", "confirm", "print"]) {
    const trap = function (message) {
      calls.push(name + "(" + String(message) + ")");
      return name === "confirm" ? false : name === "prompt" ? null : undefined;
    };
    Object.defineProperty(window, name, {value: trap, writable: false, configurable: false});
  }
  window.addEventListener("securitypolicyviolation", (event) => {
    executed.push(event.effectiveDirective + " blocked " + (event.blockedURI || "inline") +
                  (event.sample ? ": " + event.sample : ""));
  }, true);
})();
"""

# Runs in each frame after "load": everything a browser could act on without a click
# being needed from the site's own code.
FIND_PROBLEMS = r"""
() => {
  const URL_ATTRIBUTES = new Set([
    "href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster",
    "background", "lowsrc", "dynsrc", "codebase",
  ]);
  const SCRIPT_TYPES = new Set(["", "text/javascript", "module", "application/javascript"]);
  const FOREIGN_TAGS = new Set([
    "IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE",
  ]);
  const problems = [];
  const where = (el) => {
    const holder = el.closest("[id]");
    return (holder ? "#" + holder.id + " " : "") + el.outerHTML.slice(0, 160);
  };
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) problems.push("event handler " + name + " in " + where(el));
      if (URL_ATTRIBUTES.has(name)) {
        const url = attribute.value.replace(/[\u0000-\u0020]+/g, "").toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(url) ||
            (url.startsWith("data:") && !url.startsWith("data:image/"))) {
          problems.push("script URL in " + name + " of " + where(el));
        }
      }
    }
    if (el.tagName === "SCRIPT") {
      const type = (el.getAttribute("type") || "").trim().toLowerCase();
      if (SCRIPT_TYPES.has(type)) {
        const source = el.getAttribute("src") ? new URL(el.src, location.href) : null;
        const path = source ? source.pathname : "";
        const own = source && source.origin === location.origin &&
                    (path.startsWith("/static/") || path === "/admin/jsi18n/");
        if (!own) problems.push("script not from /static/: " + where(el));
      }
    }
    if (FOREIGN_TAGS.has(el.tagName)) {
      problems.push("unexpected " + el.tagName + ": " + where(el));
    }
    const httpEquiv = (el.getAttribute("http-equiv") || "").toLowerCase();
    if (el.tagName === "META" && httpEquiv === "refresh") {
      problems.push("meta refresh: " + where(el));
    }
  }
  return {calls: Array.from(window.__calls || []), executed: Array.from(window.__executed || []),
          problems, armed: Array.isArray(window.__calls)};
}
"""


@dataclass
class Findings:
    """What one loaded page did and holds. ``clean`` when nothing ran or could run."""

    url: str
    status: int | None = None
    calls: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    dom: list[str] = field(default_factory=list)
    # Elements matching the visit's selector, to prove the page had its content.
    count: int | None = None

    @property
    def clean(self) -> bool:
        return not (self.calls or self.executed or self.dialogs or self.dom)

    def __str__(self):
        parts = [f"{self.url} (HTTP {self.status}, {self.count} matching)"]
        for label in ("calls", "executed", "dialogs", "dom"):
            parts += [f"  {label}: {item}" for item in getattr(self, label)[:5]]
        return "\n".join(parts)


def arm(context) -> None:
    """Install the traps in every page and frame this browser context will open."""
    context.add_init_script(INIT_SCRIPT)


class Tab:
    """A page of an armed context that counts real dialogs (and dismisses them)."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}({dialog.message})")
        dialog.dismiss()

    def start(self, url: str):
        """Begin loading ``url``; returns once the response has arrived."""
        self.dialogs.clear()
        return self.page.goto(url, wait_until="commit")

    def inspect(self, url: str, status: int | None, selector: str | None = None) -> Findings:
        findings = Findings(url=url, status=status, dialogs=list(self.dialogs))
        if selector:
            findings.count = self.page.locator(selector).count()
        for frame in self.page.frames:
            try:
                result = frame.evaluate(FIND_PROBLEMS)
            except Exception as exc:  # a frame that went away is itself worth a look
                findings.dom.append(f"frame {frame.url} could not be inspected: {exc}")
                continue
            if not result["armed"]:
                findings.dom.append(f"frame {frame.url} was not armed")
            findings.calls += result["calls"]
            findings.executed += result["executed"]
            findings.dom += result["problems"]
        return findings


def visit_all(context, visits: Iterable[tuple[str, str | None]], tabs: int = 3) -> list[Findings]:
    """Load each ``(url, selector)`` once in an armed context, ``tabs`` pages side by side.

    The selector's matches are counted, so a test can tell a page of hostile rows from
    an empty one.
    """
    pool = [Tab(context.new_page()) for _ in range(tabs)]
    visits, results = list(visits), []
    try:
        for start in range(0, len(visits), tabs):
            batch = list(zip(pool, visits[start : start + tabs], strict=False))
            responses = [tab.start(url) for tab, (url, _) in batch]
            for (tab, (url, selector)), response in zip(batch, responses, strict=True):
                tab.page.wait_for_load_state("load")
                status = response.status if response else None
                results.append(tab.inspect(url, status, selector))
    finally:
        for tab in pool:
            tab.page.close()
    return results


def summary(findings: Iterable[Findings], limit: int = 10) -> str:
    """The first few pages with problems, for an assertion message."""
    bad = [f for f in findings if not f.clean]
    return f"{len(bad)} page(s) with script activity:\n" + "\n".join(map(str, bad[:limit]))
