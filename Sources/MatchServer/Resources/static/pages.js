// The little script of the office's pages: follows a running solve (polling the round's
// progress once a second: elapsed time, stage, best plan, bound, gap) and opens the print
// dialogue. Everything else works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const progress = document.getElementById("progress");
  if (progress) follow(progress);
  for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
});

function follow(section) {
  const stages = Object.fromEntries(section.dataset.stages.split(";").map((pair) => pair.split("=")));
  const cell = (key) => document.getElementById("progress-" + key);
  const bar = cell("bar");
  const message = cell("message");
  const tick = async () => {
    try {
      const answer = await fetch(section.dataset.poll, { headers: { Accept: "application/json" } });
      const p = await answer.json();
      if (p.seconds !== undefined && p.seconds !== null) cell("elapsed").textContent = p.seconds.toFixed(0) + " s";
      if (p.stage) cell("stage").textContent = stages[p.stage] || p.stage;
      if (p.plan !== undefined && p.plan !== null) cell("plan").textContent = p.plan;
      if (p.bound !== undefined && p.bound !== null) cell("bound").textContent = p.bound;
      if (p.gap !== undefined && p.gap !== null) cell("gap").textContent = (p.gap * 100).toFixed(3) + " %";
      if (p.status === "solving") {
        bar.style.width = Math.min(95, 10 + (p.seconds || 0) * 3) + "%";
        setTimeout(tick, 1000);
      } else if (p.status === "solved") {
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
}
