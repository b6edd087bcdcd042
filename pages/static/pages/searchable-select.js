/* Turns every <select data-searchable-select> of the admin into a box one types into (Tom Select).
 * Progressive: without this script the plain select works and submits the same values. The texts
 * come from the select's data attributes, written in the admin's language (pages/widgets.py). */
(function () {
  "use strict";

  function enhance(select) {
    if (select.tomselect || typeof TomSelect === "undefined") {
      return;
    }
    var multiple = select.multiple;
    var box = new TomSelect(select, {
      plugins: multiple ? { remove_button: { title: select.dataset.removeLabel || "Remove" } } : {},
      maxOptions: null,
      hidePlaceholder: true,
      closeAfterSelect: !multiple,
      // the list opens as one types (or clicks): tabbing through the form does not cover it with 250 names
      openOnFocus: false,
      // accents and case aside: "Mexico" finds "México"
      diacritics: true,
      render: {
        no_results: function () {
          var message = document.createElement("div");
          message.className = "no-results";
          message.textContent = select.dataset.noResults || "No match";
          return message;
        },
      },
    });
    // Tom Select points the field's label at its own input; the select underneath (hidden, still
    // submitted) keeps the same name for assistive technologies
    var label = document.querySelector('label[for="' + box.control_input.id + '"]');
    if (label && label.id) {
      select.setAttribute("aria-labelledby", label.id);
    }
  }

  function enhanceAll(root) {
    root.querySelectorAll("select[data-searchable-select]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
})();
