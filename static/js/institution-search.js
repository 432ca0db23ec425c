// Type-ahead over the institutions directory on the public registration form.
// Choosing a suggestion fills the hidden institution id (and type and municipality, so the form
// also works if the id is dropped); typing again clears the id. Without JavaScript the person
// types the name, type and municipality, and the server finds or creates the institution.
(function () {
  "use strict";

  var form = document.querySelector("form[data-search-url]");
  if (!form) return;
  var input = form.querySelector("[data-institution-search]");
  var hidden = form.querySelector("[data-institution-id]");
  if (!input || !hidden) return;
  var typeField = form.querySelector("[name=institution_type]");
  var municipalityField = form.querySelector("[name=municipality]");
  var url = form.getAttribute("data-search-url");

  var list = document.createElement("ul");
  list.id = input.id + "_suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  input.insertAdjacentElement("afterend", list);

  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  list.insertAdjacentElement("afterend", status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var results = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    var chosen = results[index];
    if (!chosen) return;
    input.value = chosen.name;
    hidden.value = String(chosen.id);
    if (typeField) typeField.value = chosen.type;
    if (municipalityField) municipalityField.value = chosen.municipality;
    status.textContent = chosen.name + ", " + chosen.municipality;
    close();
  }

  function show(found) {
    results = found;
    list.textContent = "";
    if (!found.length) {
      close();
      return;
    }
    found.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = list.id + "_" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.name + " — " + item.municipality + " (" + item.type_label + ")";
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the input
        choose(i);
      });
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function search() {
    var query = input.value.trim();
    if (query.length < 2) {
      close();
      return;
    }
    var request = ++latest;
    fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (found) { if (request === latest) show(found); })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    hidden.value = "";
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight(Math.min(active + 1, results.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
