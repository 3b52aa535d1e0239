// Copy buttons and the composer's e-mail link. Loaded with defer; no inline scripts (CSP).
"use strict";

function copyFrom(button) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const text = source.value;
  const done = () => {
    const before = button.textContent;
    button.textContent = button.dataset.copied || before;
    button.dataset.done = "true";
    setTimeout(() => { button.textContent = before; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => { source.select(); document.execCommand("copy"); done(); });
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
}

// Keep the mailto: link in step with what the user edits in the composer.
function syncMailto() {
  const link = document.getElementById("mailto-link");
  const subject = document.getElementById("message-subject");
  const body = document.getElementById("message-body");
  if (!link || !subject || !body) return;
  const to = link.getAttribute("href").split("?")[0];
  link.setAttribute(
    "href",
    to + "?subject=" + encodeURIComponent(subject.value) + "&body=" + encodeURIComponent(body.value),
  );
  const sent = document.getElementById("sent-subject");
  if (sent) sent.value = subject.value;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (button) copyFrom(button);
});
document.addEventListener("input", (event) => {
  if (event.target.id === "message-subject" || event.target.id === "message-body") syncMailto();
});
