// Title suggestions for every search box: fills its <datalist> from /<lang>/search/suggest/.
// Without JavaScript the search boxes work the same, without suggestions.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var controller = null;
    if (!list) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { list.replaceChildren(); return; }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { signal: controller.signal })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (result) {
              var option = document.createElement("option");
              option.value = result.title;
              return option;
            }));
          })
          .catch(function () { /* a lost suggestion is not worth an error */ });
      }, 150);
    });
  });
})();
