// Phones: the facet panels (a <details> each, open in the HTML so that without a script every filter
// shows) fold behind their "Filters" button; wider screens always show them, summary hidden.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 40em)");
  function fold() {
    document.querySelectorAll("details.filters-fold").forEach(function (panel) {
      panel.open = !phone.matches;
    });
  }
  fold();
  phone.addEventListener("change", fold);
})();
