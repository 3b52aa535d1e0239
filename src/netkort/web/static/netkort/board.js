// Drag a card on the pipeline board to another column. The arrow buttons on each card do
// the same from the keyboard; this file only adds the drag. Loaded with defer; no inline
// scripts (CSP).
//
// A drop moves the card at once, then posts the move (with the card form's CSRF token).
// The server answers with the board as it now stands, which replaces this one, or with
// the reason it refused (422, plain text): the card goes back where it was and the
// reason is shown.
(function () {
  "use strict";

  let dragged = null; // { card, from, before }

  // A reason to show the user; any other error (the network's) gets the general message.
  class Refusal extends Error {}

  function board() {
    return document.getElementById("board");
  }

  function say(text, failed) {
    const status = document.getElementById("board-status");
    const alert = document.getElementById("board-error");
    if (failed) {
      if (status) status.textContent = "";
      if (alert) {
        alert.textContent = text;
        alert.hidden = false;
      }
    } else {
      if (alert) {
        alert.textContent = "";
        alert.hidden = true;
      }
      if (status) status.textContent = text || "";
    }
  }

  function columnOf(element) {
    return element instanceof Element ? element.closest("#board .column") : null;
  }

  function clearMarks() {
    document.querySelectorAll("#board .drop-target").forEach((column) => {
      column.classList.remove("drop-target");
    });
  }

  function putBack(origin) {
    origin.from.insertBefore(origin.card, origin.before && origin.before.parentNode === origin.from ? origin.before : null);
    origin.card.removeAttribute("aria-busy");
  }

  function send(origin, status) {
    const form = origin.card.querySelector("form.moves");
    const fallback = (board() && board().dataset.failed) || "";
    if (!form) {
      putBack(origin);
      say(fallback, true);
      return;
    }
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("status", status);
    const outcome = form.querySelector("select[name=outcome]");
    if (outcome && outcome.value) body.append("outcome", outcome.value);
    origin.card.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    })
      .then((response) =>
        response.text().then((text) => {
          if (response.status === 422) throw new Refusal(text || fallback);
          if (!response.ok) throw new Refusal(fallback);
          const fresh = new DOMParser().parseFromString(text, "text/html").getElementById("board");
          if (!fresh) throw new Refusal(fallback);
          board().replaceWith(document.adoptNode(fresh));
          say(fresh.dataset.message, false);
        }),
      )
      .catch((error) => {
        putBack(origin);
        say(error instanceof Refusal ? error.message : fallback, true);
      });
  }

  document.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest("#board .card[draggable='true']") : null;
    if (!card) return;
    dragged = { card: card, from: card.parentNode, before: card.nextElementSibling };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.querySelector("header a").textContent);
    card.classList.add("dragging");
    board().classList.add("dragging");
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.card.classList.remove("dragging");
    if (board()) board().classList.remove("dragging");
    clearMarks();
    dragged = null;
  });

  document.addEventListener("dragover", (event) => {
    const column = dragged && columnOf(event.target);
    if (!column) return;
    event.preventDefault(); // this column takes the drop
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearMarks();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("dragleave", (event) => {
    const column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", (event) => {
    const column = dragged && columnOf(event.target);
    if (!column) return;
    event.preventDefault();
    const origin = dragged;
    clearMarks();
    if (columnOf(origin.card) === column) return;
    column.querySelector(".cards").prepend(origin.card);
    send(origin, column.dataset.status);
  });
})();
