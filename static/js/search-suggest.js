// Search suggestions for the site search box: fills the input's <datalist> from
// /search/autocomplete/ as the reader types. Without this script the form works the same,
// only without suggestions; the browser's own datalist UI keeps it keyboard and
// screen-reader accessible.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var status = document.getElementById(input.getAttribute("data-suggest-status"));
  var kinds = { post: "Post", author: "Author", tag: "Tag" };
  var timer = null;
  var latest = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.label;
      option.label = kinds[item.type] || item.type;
      list.appendChild(option);
    });
    if (status) {
      status.textContent = results.length
        ? results.length + " suggestion" + (results.length === 1 ? "" : "s") + " available."
        : "";
    }
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    clearTimeout(timer);
    if (query.length < 2) {
      show([]);
      return;
    }
    timer = setTimeout(function () {
      latest = query;
      var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (query === latest) show(data.results || []); })
        .catch(function () { show([]); });
    }, 150);
  });
})();
