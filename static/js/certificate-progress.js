// Certificates: keeps the progress of a bulk run up to date by polling its JSON every second.
// Without JavaScript the page still works: its "Refresh" link reloads it.
(function () {
  "use strict";

  var FINAL = ["finished", "failed"];

  function start(box) {
    var url = box.getAttribute("data-progress-url");
    var bar = box.querySelector("progress");
    var done = box.querySelector("[data-done]");
    var total = box.querySelector("[data-total]");
    var statusText = box.querySelector("[data-status-text]");
    var refresh = box.querySelector("[data-refresh]");
    if (refresh) {
      refresh.hidden = true;
    }

    function show(progress) {
      bar.max = progress.total || 1;
      bar.value = progress.total ? progress.done : 1;
      bar.textContent = progress.percent + "%";
      done.textContent = progress.done;
      total.textContent = progress.total;
      statusText.textContent = progress.status_display;
      box.setAttribute("data-status", progress.status);
    }

    function poll() {
      window.Putokaz.getJSON(url)
        .then(function (progress) {
          show(progress);
          if (FINAL.indexOf(progress.status) === -1) {
            window.setTimeout(poll, 1000);
          } else if (progress.status === "failed") {
            // The error text is on the page itself.
            window.location.reload();
          }
        })
        .catch(function () {
          if (refresh) {
            refresh.hidden = false;
          }
        });
    }

    if (FINAL.indexOf(box.getAttribute("data-status")) === -1) {
      window.setTimeout(poll, 1000);
    }
  }

  document.querySelectorAll("[data-progress-url]").forEach(start);
})();
