// Reading our own JSON endpoints from pages that follow something live (the QR check-in screen,
// the barometer's projector and phones, a certificate run): never from a cache, one request at
// a time, and a failed request leaves the page as it is until the next one.
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  // Every `intervalMs`, unless the previous request is still out.
  function poll(url, intervalMs, onData, onFailure) {
    var busy = false;
    window.setInterval(function () {
      if (busy) {
        return;
      }
      busy = true;
      getJSON(url)
        .then(onData)
        .catch(onFailure || function () {})
        .finally(function () {
          busy = false;
        });
    }, intervalMs);
  }

  window.Putokaz = { getJSON: getJSON, poll: poll };
})();
