// "Đã đọc" without leaving the place in the text: the form is posted in the background and the
// block updated in place. Without this script the form posts and comes back to the block.
// Offline, the worker keeps the confirmation and sends it once the phone is online.
(function () {
  "use strict";
  var block = document.getElementById("xac-nhan-doc");
  var form = block && block.querySelector("form");
  if (!form || !window.fetch) return;

  function say(text) {
    var note = document.createElement("p");
    note.setAttribute("role", "status");
    note.textContent = text;
    form.replaceWith(note);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Offline-Queue": "1" },
    }).then(function (response) {
      if (!response.ok) {
        form.submit(); // the server's own answer: a login page, an error page
        return;
      }
      return response.json().then(function (data) {
        say(data.queued ? block.dataset.queued : data.text);
      });
    }).catch(function () {
      button.disabled = false;
      var note = block.querySelector(".read-failed") || document.createElement("p");
      note.className = "read-failed";
      note.setAttribute("role", "alert");
      note.textContent = block.dataset.failed;
      block.appendChild(note);
    });
  });
})();
