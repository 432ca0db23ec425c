// The duplicate check as the case manager types: once a name is typed, the similar persons
// (cases/duplicates.html, from the server) appear below the form, debounced. Without
// JavaScript the "Check for similar persons" button posts the form and the page shows them.
(function () {
  "use strict";

  var form = document.querySelector("form[data-duplicates-url]");
  if (!form) return;
  var region = document.getElementById("duplicates-region");
  if (!region) return;
  var url = form.getAttribute("data-duplicates-url");
  var names = ["given_name", "family_name", "aliases", "year_of_birth"];
  var timer = null;
  var latest = 0;

  function value(name) {
    var field = form.elements.namedItem(name);
    return field && "value" in field ? field.value.trim() : "";
  }

  function chosen() {
    var picked = form.querySelector("input[name=existing_person]:checked");
    return picked ? picked.value : "";
  }

  function check() {
    if (!value("given_name") && !value("family_name") && !value("aliases")) {
      region.textContent = "";
      return;
    }
    var params = new URLSearchParams();
    names.forEach(function (name) { params.set(name, value(name)); });
    params.set("existing_person", chosen());
    var request = ++latest;
    fetch(url + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (request === latest) region.innerHTML = html;
      })
      .catch(function () { /* the button still works */ });
  }

  names.forEach(function (name) {
    var field = form.elements.namedItem(name);
    if (!field || !field.addEventListener) return;
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 400);
    });
  });
})();
