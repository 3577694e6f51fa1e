// Lets people find a condition by typing its name or any synonym ("GTPS",
// "glute med"). Without JavaScript every condition is listed with its synonyms.
(function () {
  "use strict";
  document.querySelectorAll(".conditions-field").forEach(function (fieldset) {
    const filter = fieldset.querySelector(".condition-filter");
    const items = fieldset.querySelectorAll("li[data-names]");
    if (!filter) return;
    filter.hidden = false;
    filter.addEventListener("input", function () {
      const query = filter.value.trim().toLowerCase();
      items.forEach(function (item) {
        const checked = item.querySelector("input").checked;
        const match = !query || item.dataset.names.split("|").some(function (name) {
          return name.includes(query);
        });
        item.hidden = !(match || checked);
      });
    });
  });
})();
