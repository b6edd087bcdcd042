// Comparison picker: counts the ticked tools and stops a fifth. Without JavaScript the form works
// the same and the comparison page explains any wrong number. The form's data-ticked (the count) lets
// the stylesheet keep the bar out of a phone's small screen until a tool is ticked; without
// JavaScript the attribute is absent and the bar stays visible, since its button is the only way to
// send the form.
(function () {
  "use strict";
  document.querySelectorAll("form.compare-picker").forEach(function (form) {
    var max = parseInt(form.dataset.max, 10) || 4;
    var hint = form.querySelector(".compare-bar__hint");
    var boxes = form.querySelectorAll('input[type="checkbox"][name="tool"]');
    var initialHint = hint ? hint.textContent : "";
    if (hint) hint.setAttribute("aria-live", "polite");
    function update() {
      var ticked = form.querySelectorAll('input[name="tool"]:checked').length;
      form.dataset.ticked = String(ticked);
      boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= max; });
      if (hint) hint.textContent = ticked > 0 ? hint.dataset.hintTemplate.replace("{count}", ticked) : initialHint;
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  });
})();
