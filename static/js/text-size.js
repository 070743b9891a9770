// Larger text for older readers: A− and A+ in the header scale the whole page; the choice is
// kept in this browser. Without JavaScript the buttons stay hidden.
(function () {
  "use strict";
  var KEY = "text-size";
  var STEPS = [100, 112.5, 125, 150, 175];
  var step = Number(localStorage.getItem(KEY)) || 0;

  function apply() {
    step = Math.max(0, Math.min(STEPS.length - 1, step));
    document.documentElement.style.fontSize = STEPS[step] + "%";
    localStorage.setItem(KEY, String(step));
  }

  apply();
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".text-size").forEach(function (group) { group.hidden = false; });
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        step += Number(button.dataset.textSize);
        apply();
      });
    });
  });
}());
