// The participant's phone in the Social Barometer: follows the statement on the screen by
// polling a small state endpoint, and shows or hides the three answer buttons (no reload).
(function () {
  "use strict";

  var phone = document.querySelector("[data-phone]");
  if (!phone) {
    return;
  }
  var source = phone.getAttribute("data-state-url");
  var pollMs = parseInt(phone.getAttribute("data-poll-ms"), 10) || 2000;
  var shownRound = phone.getAttribute("data-round") || "";
  var statement = phone.querySelector("[data-phone-statement]");
  var message = phone.querySelector("[data-phone-message]");
  var form = phone.querySelector("[data-phone-form]");
  var roundInput = phone.querySelector("[data-phone-round]");
  var mine = phone.querySelector("[data-phone-mine]");
  var mineLabel = phone.querySelector("[data-phone-mine-label]");
  var change = phone.querySelector("[data-phone-change]");
  var reveal = phone.querySelector("[data-phone-reveal]");
  var correct = phone.querySelector("[data-phone-correct]");
  var explanation = phone.querySelector("[data-phone-explanation]");

  function setText(element, text) {
    if (element.textContent !== text) {
      element.textContent = text;
    }
  }

  function show(state) {
    var round = state.round === null ? "" : String(state.round);
    if (round !== shownRound) {
      shownRound = round;
      phone.setAttribute("data-round", round);
      roundInput.value = round;
      var refusal = phone.querySelector("[data-phone-refusal]");
      if (refusal) {
        refusal.remove();
      }
    }
    statement.hidden = !state.round;
    setText(statement, state.statement || "");
    setText(message, state.message);
    form.hidden = !state.can_vote;
    form.querySelectorAll("[data-answer]").forEach(function (button) {
      var pressed = button.getAttribute("data-answer") === state.my_answer;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
    });
    mine.hidden = !state.my_answer;
    setText(mineLabel, state.my_answer_label || "");
    change.hidden = !(state.can_vote && state.allow_change);
    reveal.hidden = !state.revealed;
    setText(correct, state.correct_label || "");
    setText(explanation, state.explanation || "");
  }

  window.Putokaz.poll(source, pollMs, show, null);
})();
