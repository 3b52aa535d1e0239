// "Select all on this page" for the people list's bulk actions. Without this file the
// box stays hidden and each row is ticked on its own.
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      box.hidden = false;
    });
  }

  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-select-all]")) {
      return;
    }
    document.querySelectorAll('input[name="ids"][form="bulk"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
  // The results are swapped in by htmx when the filters change.
  document.addEventListener("htmx:afterSwap", reveal);
  reveal();
})();
