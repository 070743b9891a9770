// Issue page helpers; the page works without them (progressive enhancement).
(function () {
  "use strict";

  // The contents panel closes once a section is chosen, so the section is not hidden under it.
  document.querySelectorAll(".reading-bar details").forEach(function (details) {
    details.addEventListener("click", function (event) {
      if (event.target.closest("a")) details.open = false;
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // On a touch screen there is no hover to show a citation's title: the first tap shows the
  // preview with a link to the registry page, a second tap on the citation follows it.
  var template = document.getElementById("citation-preview");
  if (!template || !window.matchMedia("(hover: none)").matches) return;
  var box = template.content.firstElementChild.cloneNode(true);
  var text = box.querySelector("p");
  var open = box.querySelector("a");
  var shownFor = null;
  box.hidden = true;
  document.body.appendChild(box);

  function hide() {
    box.hidden = true;
    shownFor = null;
  }

  function show(link) {
    text.textContent = link.title;
    open.href = link.href;
    box.hidden = false;
    var place = link.getBoundingClientRect();
    var left = Math.min(place.left, document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) + window.scrollX + "px";
    box.style.top = place.bottom + window.scrollY + 6 + "px";
    shownFor = link;
    open.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.citation");
    if (link && link !== shownFor) {
      event.preventDefault();
      show(link);
    } else if (!box.contains(event.target) || event.target.closest("button")) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) {
      var link = shownFor;
      hide();
      link.focus();
    }
  });
})();
