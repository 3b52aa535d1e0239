// Keyboard-first triage: one key per decision. The form works without this file.
(function () {
  "use strict";
  const form = document.getElementById("triage-form");
  if (!form) {
    return;
  }
  const note = document.getElementById("triage-note");

  function typing(target) {
    return target === note || (target.tagName === "INPUT" && target.type === "text");
  }

  function toggle(selector) {
    const box = form.querySelector(selector);
    if (box) {
      box.checked = !box.checked;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (typing(event.target)) {
      if (event.key === "Escape") {
        event.target.blur();
      } else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit(document.getElementById("triage-confirm"));
      }
      return;
    }
    const tag = event.target.tagName;
    if (event.key === "Enter" && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY")) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === "i" || key === "m" || key === "d") {
      toggle('input[name="roles"][data-key="' + key + '"]');
    } else if (/^[1-5]$/.test(key)) {
      const radio = form.querySelector('input[name="closeness"][value="' + key + '"]');
      radio.checked = true;
    } else if (key === "s") {
      toggle('input[name="super_connector"]');
    } else if (key === "n") {
      note.focus();
    } else if (key === "enter") {
      form.requestSubmit(document.getElementById("triage-confirm"));
    } else if (key === "k") {
      form.requestSubmit(document.getElementById("triage-skip"));
    } else {
      return;
    }
    event.preventDefault();
  });
})();
