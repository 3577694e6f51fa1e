// The conditions of a question or article as a compact, searchable choice. Without
// JavaScript the form lists every condition as a checkbox with its other names; this
// keeps those checkboxes (they are what the form sends) and adds:
// - a filter box: typing a name or any other name for it ("GTPS", "glute med",
//   "trochanteric bursitis") shows only the conditions that match, in a shorter list;
// - the chosen conditions as chips above it, each a button that removes it;
// - a polite live region that says how many match and what was chosen or removed.
// Keys: in the filter box, Down moves to the first match and Enter chooses it (it never
// sends the form); in the list, Up and Down move between the conditions shown, Space
// ticks, Escape goes back to the filter box. "Not sure yet" stands alone: choosing it
// unticks the others, and choosing a condition unticks it. At most 5 are chosen.
(function () {
  "use strict";
  const MAX_CHOSEN = 5;
  const ANNOUNCE_WAIT_MS = 400;

  function normalise(text) {
    return text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function enhance(fieldset, index) {
    const list = fieldset.querySelector(".condition-choices");
    const items = Array.from(fieldset.querySelectorAll("li[data-names]"));
    if (!list || !items.length || fieldset.dataset.picker) return;
    fieldset.dataset.picker = "on";
    fieldset.classList.add("condition-picker");
    const entries = items.map(function (item) {
      return {
        item: item,
        box: item.querySelector("input[type=checkbox]"),
        name: (item.querySelector(".choice-name") || item).textContent.trim(),
        names: item.dataset.names.split("|").map(normalise),
        undiagnosed: item.hasAttribute("data-undiagnosed"),
      };
    });
    const id = "condition-filter-" + index;

    const chips = document.createElement("ul");
    chips.className = "condition-chips";
    chips.setAttribute("aria-label", "Chosen");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "condition-filter-label";
    label.textContent = "Find a condition";
    const filter = document.createElement("input");
    filter.type = "search";
    filter.id = id;
    filter.className = "condition-filter";
    filter.placeholder = "Type a condition or another name for it, e.g. GTPS";
    filter.autocomplete = "off";
    filter.setAttribute("aria-controls", list.id);
    const status = document.createElement("p");
    status.className = "condition-status muted";
    status.id = id + "-status";
    status.setAttribute("role", "status");
    filter.setAttribute("aria-describedby", status.id);
    list.before(chips, label, filter, status);

    let announceTimer = null;
    function say(text) {
      clearTimeout(announceTimer);
      status.textContent = text;
    }
    function sayLater(text) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        status.textContent = text;
      }, ANNOUNCE_WAIT_MS);
    }

    function chosen() {
      return entries.filter(function (entry) {
        return entry.box.checked;
      });
    }

    function shown() {
      return entries.filter(function (entry) {
        return !entry.item.hidden;
      });
    }

    function drawChips() {
      const picked = chosen();
      chips.replaceChildren();
      chips.hidden = !picked.length;
      picked.forEach(function (entry) {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.dataset.value = entry.box.value;
        button.append(entry.name);
        const hint = document.createElement("span");
        hint.className = "visually-hidden";
        hint.textContent = ", remove";
        const cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = " \u00d7";
        button.append(hint, cross);
        li.append(button);
        chips.append(li);
      });
    }

    function countText() {
      const n = chosen().length;
      return n ? n + " of " + MAX_CHOSEN + " chosen." : "None chosen yet.";
    }

    function applyFilter() {
      const words = normalise(filter.value).split(" ").filter(Boolean);
      let matches = 0;
      entries.forEach(function (entry) {
        const match =
          !words.length ||
          entry.names.some(function (name) {
            return words.every(function (word) {
              return name.includes(word);
            });
          });
        entry.item.hidden = !match;
        if (match) matches += 1;
      });
      list.classList.toggle("filtered", words.length > 0);
      if (!words.length) {
        sayLater(countText());
        return;
      }
      if (!matches) {
        entries.forEach(function (entry) {
          if (entry.undiagnosed) entry.item.hidden = false;
        });
        sayLater("No condition matches \u201c" + filter.value.trim() + "\u201d. Try another name, or choose \u201cNot sure yet\u201d.");
        return;
      }
      sayLater(matches === 1 ? "1 condition matches." : matches + " conditions match.");
    }

    function choose(entry) {
      // Called after a checkbox was ticked: keeps "Not sure yet" alone and the count at 5.
      const others = chosen().filter(function (other) {
        return other !== entry;
      });
      if (entry.undiagnosed && others.length) {
        others.forEach(function (other) {
          other.box.checked = false;
        });
        return entry.name + " chosen, instead of " + others.map(function (o) {
          return o.name;
        }).join(", ") + ".";
      }
      const undiagnosed = others.filter(function (other) {
        return other.undiagnosed;
      });
      if (undiagnosed.length) {
        undiagnosed.forEach(function (other) {
          other.box.checked = false;
        });
        return entry.name + " chosen, instead of " + undiagnosed[0].name + ". " + countText();
      }
      if (others.length >= MAX_CHOSEN) {
        entry.box.checked = false;
        return "At most " + MAX_CHOSEN + " conditions: remove one before choosing " + entry.name + ".";
      }
      return entry.name + " chosen. " + countText();
    }

    entries.forEach(function (entry) {
      entry.box.addEventListener("change", function () {
        const message = entry.box.checked ? choose(entry) : entry.name + " removed. " + countText();
        drawChips();
        say(message);
      });
      entry.box.addEventListener("keydown", function (event) {
        const visible = shown();
        const at = visible.indexOf(entry);
        let next = null;
        if (event.key === "ArrowDown") next = visible[at + 1];
        else if (event.key === "ArrowUp") next = at > 0 ? visible[at - 1] : null;
        else if (event.key === "Escape") {
          event.preventDefault();
          filter.focus();
          return;
        } else return;
        event.preventDefault();
        if (next) next.box.focus();
        else if (event.key === "ArrowUp") filter.focus();
      });
    });

    chips.addEventListener("click", function (event) {
      const button = event.target.closest("button.chip");
      if (!button) return;
      const entry = entries.find(function (e) {
        return e.box.value === button.dataset.value;
      });
      if (!entry) return;
      const buttons = Array.from(chips.querySelectorAll("button.chip"));
      const at = buttons.indexOf(button);
      entry.box.checked = false;
      drawChips();
      say(entry.name + " removed. " + countText());
      const rest = chips.querySelectorAll("button.chip");
      const target = rest[Math.min(at, rest.length - 1)];
      (target || filter).focus();
    });

    filter.addEventListener("input", applyFilter);
    filter.addEventListener("search", applyFilter);
    filter.addEventListener("keydown", function (event) {
      const visible = shown();
      if (event.key === "ArrowDown" && visible.length) {
        event.preventDefault();
        visible[0].box.focus();
      } else if (event.key === "Enter") {
        event.preventDefault(); // a filter box never sends the form
        if (!filter.value.trim() || !visible.length) return;
        const entry = visible.find(function (e) {
          return !e.box.checked;
        });
        if (!entry) return;
        entry.box.checked = true;
        const message = choose(entry);
        filter.value = "";
        applyFilter();
        drawChips();
        say(message);
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        applyFilter();
      }
    });

    drawChips();
  }

  document.querySelectorAll(".conditions-field").forEach(enhance);
})();
