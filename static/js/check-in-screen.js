// The projector's check-in screen: fetches the current code, its QR image and the count of
// people checked in, and swaps them in place (no reload, no inline script: the CSP forbids it).
(function () {
  "use strict";

  var screen = document.querySelector("[data-check-in-screen]");
  if (!screen) {
    return;
  }
  var source = screen.getAttribute("data-code-url");
  var seconds = parseInt(screen.getAttribute("data-refresh-seconds"), 10) || 10;
  var image = screen.querySelector("[data-check-in-qr]");
  var code = screen.querySelector("[data-check-in-code]");
  var link = screen.querySelector("[data-check-in-link]");
  var summary = screen.querySelector("[data-check-in-summary]");
  var offline = screen.querySelector("[data-check-in-offline]");

  function show(state) {
    if (image.getAttribute("src") !== state.data_uri) {
      image.setAttribute("src", state.data_uri);
    }
    code.textContent = state.code;
    link.setAttribute("href", state.url);
    link.textContent = state.url;
    screen.setAttribute("data-check-in-url", state.url);
    // Only when it changed, so that screen readers announce a new count, not every refresh.
    if (summary.textContent !== state.summary) {
      summary.textContent = state.summary;
    }
    offline.hidden = true;
  }

  window.Putokaz.poll(source, seconds * 1000, show, function () {
    offline.hidden = false;
  });
})();
