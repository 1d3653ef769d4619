// The little script of the office's pages: follows a running solve (polling the round's
// status once a second) and opens the print dialogue. Everything else works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const progress = document.getElementById("progress");
  if (progress) follow(progress);
  for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
});

function follow(section) {
  const started = Date.now();
  const status = document.getElementById("progress-status");
  const elapsed = document.getElementById("progress-elapsed");
  const bar = document.getElementById("progress-bar");
  const message = document.getElementById("progress-message");
  const tick = async () => {
    const seconds = (Date.now() - started) / 1000;
    elapsed.textContent = seconds.toFixed(0) + " s";
    try {
      const answer = await fetch(section.dataset.poll, { headers: { Accept: "application/json" } });
      const round = await answer.json();
      if (round.progress) show(round.progress);
      if (round.status === "solving") {
        bar.style.width = Math.min(95, 10 + seconds * 3) + "%";
        setTimeout(tick, 1000);
      } else if (round.status === "solved") {
        bar.style.width = "100%";
        message.textContent = message.dataset.solved;
        window.location.assign(section.dataset.done);
      } else {
        message.textContent = message.dataset.failed;
        window.location.assign(section.dataset.failed);
      }
    } catch (error) {
      setTimeout(tick, 2000);
    }
  };
  tick();

  function show(p) {
    for (const key of Object.keys(p)) {
      const cell = document.getElementById("progress-" + key);
      if (cell) cell.textContent = p[key];
    }
  }
}
