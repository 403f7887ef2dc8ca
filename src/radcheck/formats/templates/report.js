(function () {
  "use strict";
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-sev]"));
  var codeBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-code]"));
  var onlyFlagged = document.getElementById("only-flagged");
  var search = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  function words(el) { return (el.textContent || "").toLowerCase(); }
  function checked(boxes, key) {
    var out = {};
    boxes.forEach(function (b) { if (b.checked) { out[b.dataset[key]] = true; } });
    return out;
  }
  function apply() {
    var sev = checked(sevBoxes, "filterSev");
    var codes = checked(codeBoxes, "filterCode");
    var shown = function (s, c) { return !!sev[s] && !!codes[c]; };
    var query = search ? search.value.trim().toLowerCase() : "";
    var found = 0;
    document.querySelectorAll("[data-sev][data-code]").forEach(function (el) {
      var match = !query || words(el).indexOf(query) >= 0;
      el.hidden = !shown(el.dataset.sev, el.dataset.code) || (!match && el.tagName === "LI");
      if (query && match && !el.hidden && el.classList.contains("finding")) { found += 1; }
    });
    document.querySelectorAll("td[data-f]").forEach(function (td) {
      var any = td.dataset.f.split(" ").some(function (pair) {
        var p = pair.split(":");
        return shown(p[0], p[1]);
      });
      td.classList.toggle("flag-off", !any);
    });
    var rowsOnly = onlyFlagged && onlyFlagged.checked;
    document.querySelectorAll("table.annex tbody tr").forEach(function (tr) {
      var visible = tr.querySelectorAll("[data-sev][data-code]:not([hidden])").length > 0;
      var match = !!query && words(tr).indexOf(query) >= 0;
      tr.hidden = (rowsOnly && !visible) || (!!query && !match);
      tr.classList.toggle("search-hit", match);
    });
    if (searchCount) { searchCount.textContent = query ? String(found) : ""; }
  }
  sevBoxes.concat(codeBoxes).forEach(function (b) { b.addEventListener("change", apply); });
  if (onlyFlagged) { onlyFlagged.addEventListener("change", apply); }
  if (search) { search.addEventListener("input", apply); }
  document.querySelectorAll("button[data-rules]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var on = btn.dataset.rules === "all";
      codeBoxes.forEach(function (b) { b.checked = on; });
      apply();
    });
  });
  apply();
})();
