// The contact screen a consultant fills while talking: a running timer fills the duration (until
// the consultant types one), the form is saved as a draft a second after each change, every ten
// seconds while unsaved, and when the page is hidden or closed, and the repeat-caller hint
// follows the phone and e-mail typed. Without JavaScript the form still records the contact.
(function () {
  "use strict";

  var form = document.querySelector("[data-contact-form]");
  if (!form) {
    return;
  }
  var draftUrl = form.getAttribute("data-draft-url");
  var status = document.getElementById("draft-status");
  var earlier = document.querySelector("[data-earlier]");
  var duration = form.querySelector("[name=duration]");
  var manual = form.querySelector("[data-duration-manual]");
  var csrfInputs = document.querySelectorAll("input[name=csrfmiddlewaretoken]");
  var DEBOUNCE_MS = 1000;
  var PERIODIC_MS = 10000;

  var dirty = false;
  var inFlight = false;
  var again = false;
  var stopped = false; // recorded or refused: saving again cannot succeed
  var expired = false;
  var debounce = null;

  function setText(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  // The CSRF cookie is current even after signing in again in another tab; the form's hidden
  // token would then be stale, so every request (and the form itself) uses the cookie's.
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      var token = decodeURIComponent(match[1]);
      Array.prototype.forEach.call(csrfInputs, function (input) {
        input.value = token;
      });
      return token;
    }
    return csrfInputs.length ? csrfInputs[0].value : "";
  }

  // --- Timer ------------------------------------------------------------------------------------

  function minutesSeconds(total) {
    var seconds = total % 60;
    return Math.floor(total / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  if (duration && form.getAttribute("data-timer") === "on") {
    var elapsedAtLoad = parseInt(form.getAttribute("data-elapsed"), 10) || 0;
    var loadedAt = Date.now();
    var tick = function () {
      if (manual.value === "1") {
        return;
      }
      duration.value = minutesSeconds(elapsedAtLoad + Math.floor((Date.now() - loadedAt) / 1000));
    };
    duration.addEventListener("input", function () {
      // Typed by hand: the timer stops overwriting it; emptied, the timer takes over again.
      manual.value = duration.value.trim() === "" ? "" : "1";
    });
    tick();
    window.setInterval(tick, 1000);
  }

  // --- Saving the draft -------------------------------------------------------------------------

  function showEarlier(data) {
    if (!earlier) {
      return;
    }
    if (!data.earlier_contacts) {
      setText(earlier, "");
      return;
    }
    var link = earlier.querySelector("a");
    if (link && link.getAttribute("data-text") === data.earlier_text) {
      return;
    }
    var suffix = earlier.getAttribute("data-new-tab");
    link = document.createElement("a");
    link.href = data.earlier_url;
    link.target = "_blank";
    link.rel = "noopener";
    link.setAttribute("data-text", data.earlier_text);
    link.textContent = data.earlier_text;
    if (suffix) {
      var span = document.createElement("span");
      span.className = "visually-hidden";
      span.textContent = " " + suffix;
      link.appendChild(span);
    }
    earlier.replaceChildren(link);
  }

  function failed(text, stop) {
    dirty = true;
    stopped = stopped || stop;
    setText(status, text);
  }

  function save(keepalive) {
    if (stopped || !draftUrl) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    window.clearTimeout(debounce);
    dirty = false;
    inFlight = true;
    var token = csrfToken();
    var body = new URLSearchParams(new FormData(form));
    fetch(draftUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      keepalive: Boolean(keepalive),
      headers: { Accept: "application/json", "X-CSRFToken": token },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || type.indexOf("application/json") === -1) {
          // Sent to the sign-in page (the idle session ended) or a CSRF refusal page.
          expired = true;
          failed(form.getAttribute("data-expired-text"), false);
          return null;
        }
        return response.json().then(function (data) {
          if (!response.ok) {
            failed(data.error || form.getAttribute("data-failed-text"), response.status < 500);
            return;
          }
          expired = false;
          setText(status, data.saved_text);
          showEarlier(data);
        });
      })
      .catch(function () {
        failed(form.getAttribute("data-failed-text"), false);
      })
      .finally(function () {
        inFlight = false;
        if (again) {
          again = false;
          save(false);
        }
      });
  }

  function changed() {
    dirty = true;
    window.clearTimeout(debounce);
    debounce = window.setTimeout(function () {
      save(false);
    }, DEBOUNCE_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.setInterval(function () {
    if (dirty) {
      save(false);
    }
  }, PERIODIC_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty) {
      save(true);
    }
  });
  window.addEventListener("pagehide", function () {
    if (dirty) {
      save(true);
    }
  });

  // Enter in a one-line field must not record a half-filled contact mid-call (textareas keep
  // Enter for new lines; buttons keep it for pressing).
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (
      event.key === "Enter" &&
      target.tagName === "INPUT" &&
      ["submit", "button", "checkbox", "radio"].indexOf(target.type) === -1
    ) {
      event.preventDefault();
    }
  });

  form.addEventListener("submit", function (event) {
    if (expired) {
      // Recording now would land on the sign-in page and lose what was typed since.
      event.preventDefault();
      save(false);
      setText(status, form.getAttribute("data-expired-text"));
      return;
    }
    csrfToken();
    stopped = true;
    window.clearTimeout(debounce);
  });

  // --- Quick buttons: they follow the line and channel chosen above, and ask before they
  // discard what was typed. --------------------------------------------------------------------

  var quick = document.querySelector("[data-quick-form]");
  if (quick) {
    Array.prototype.forEach.call(quick.querySelectorAll("[data-follows]"), function (input) {
      var source = document.getElementById(input.getAttribute("data-follows"));
      if (source) {
        source.addEventListener("change", function () {
          input.value = source.value;
        });
        input.value = source.value;
      }
    });
    quick.addEventListener("submit", function (event) {
      var typed = Array.prototype.some.call(
        form.querySelectorAll(
          "input[type=text]:not([name=duration]), input[type=tel], input[type=email], textarea"
        ),
        function (field) {
          return field.value.trim() !== "";
        }
      );
      if (typed && !window.confirm(quick.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
      }
      csrfToken();
      stopped = true;
      window.clearTimeout(debounce);
    });
  }
})();
