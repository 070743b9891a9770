// Offline reading (README, "Offline reading"): registers the worker for a logged-in reader and
// asks it to bring its copies up to date; on a page shown to nobody it wipes them.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var root = document.documentElement;
  var list = root.dataset.offlineList;

  function tell(message) {
    // At once to the worker of this page: a logout's page is leaving.
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage(message);
    else navigator.serviceWorker.getRegistration().then(function (registration) {
      var worker = registration && (registration.active || registration.waiting);
      if (worker) worker.postMessage(message);
    });
  }

  if ("offlineVisitor" in root.dataset) {
    // Not logged in (the session ended, or another person uses the phone): nothing stays.
    tell({ type: "clear" });
    return;
  }
  if (!list) return; // a page that does not know who is reading (a server error)

  function sync() {
    if (!navigator.onLine) return;
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ type: "sync", list: list });
    });
  }

  navigator.serviceWorker.register(root.dataset.offlineWorker, { scope: "/" }).then(sync);
  window.addEventListener("online", sync);
  document.querySelectorAll("form[data-logout]").forEach(function (form) {
    form.addEventListener("submit", function () { tell({ type: "clear" }); });
  });
})();
