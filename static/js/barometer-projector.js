// The Social Barometer's projector view: polls the tally twice a second and updates the vote
// count, the bars and the revealed answer in place (no reload; no inline script: the CSP forbids
// it). When the trainer shows another statement the page reloads once to get its controls.
// Keys: C closes voting, R reveals, N shows the next statement of the deck, F full screen.
(function () {
  "use strict";

  var screen = document.querySelector("[data-projector]");
  if (!screen) {
    return;
  }
  var source = screen.getAttribute("data-tally-url");
  var pollMs = parseInt(screen.getAttribute("data-poll-ms"), 10) || 500;
  var shownRound = screen.getAttribute("data-round") || "";
  var waiting = screen.querySelector("[data-waiting]");
  var statement = screen.querySelector("[data-statement]");
  var state = screen.querySelector("[data-state]");
  var votes = screen.querySelector("[data-votes]");
  var results = screen.querySelector("[data-results]");
  var reveal = screen.querySelector("[data-reveal]");
  var correct = screen.querySelector("[data-correct]");
  var explanation = screen.querySelector("[data-explanation]");
  var offline = screen.querySelector("[data-offline]");

  function setText(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function show(tally) {
    offline.hidden = true;
    var round = tally.round === null ? "" : String(tally.round);
    if (round !== shownRound) {
      window.location.reload();
      return;
    }
    if (!tally.round) {
      return;
    }
    waiting.hidden = true;
    setText(statement, tally.statement);
    setText(state, tally.state_label);
    setText(votes, tally.votes_label);
    results.hidden = !tally.visible;
    tally.rows.forEach(function (row) {
      var bar = results.querySelector('[data-bar="' + row.answer + '"]');
      if (!bar) {
        return;
      }
      bar.querySelector("[data-bar-rect]").setAttribute("width", String(row.share));
      setText(bar.querySelector("[data-bar-value]"), row.value_label);
      bar.classList.toggle("barometer-bar-correct", tally.revealed && row.correct);
    });
    reveal.hidden = !tally.revealed;
    setText(correct, tally.correct_label);
    setText(explanation, tally.explanation);
    screen.querySelectorAll("[data-when-state]").forEach(function (form) {
      form.hidden = form.getAttribute("data-when-state").split(" ").indexOf(tally.state) === -1;
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "f") {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (screen.requestFullscreen) {
        screen.requestFullscreen();
      }
      return;
    }
    var button = screen.querySelector('[data-key="' + key + '"]');
    if (button && !button.closest("form").hidden) {
      event.preventDefault();
      button.click();
    }
  });

  window.Putokaz.poll(source, pollMs, show, function () {
    offline.hidden = false;
  });
})();
