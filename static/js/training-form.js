// Training and agenda forms: an "Add a row" button (data-formset="<prefix>") appends an empty
// form from <template id="<prefix>-template"> to <tbody id="<prefix>-rows">; on the training
// form the accreditation list offers only the chosen programme's accreditations. Without
// JavaScript both forms still work (spare empty rows; the server refuses a wrong accreditation).
(function () {
  "use strict";

  function setUpFormset(button) {
    var prefix = button.getAttribute("data-formset");
    var template = document.getElementById(prefix + "-template");
    var rows = document.getElementById(prefix + "-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) {
        return;
      }
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = String(index + 1);
      var first = rows.lastElementChild.querySelector("input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  }

  function setUpAccreditations() {
    var programme = document.getElementById("id_programme");
    var accreditation = document.getElementById("id_accreditation");
    if (!programme || !accreditation) {
      return;
    }
    function filter() {
      var chosen = programme.value;
      Array.prototype.forEach.call(accreditation.options, function (option) {
        var owner = option.getAttribute("data-programme");
        var hide = Boolean(owner) && Boolean(chosen) && owner !== chosen;
        option.hidden = hide;
        option.disabled = hide;
        if (hide && option.selected) {
          accreditation.value = "";
        }
      });
    }
    programme.addEventListener("change", filter);
    filter();
  }

  Array.prototype.forEach.call(document.querySelectorAll("button[data-formset]"), setUpFormset);
  setUpAccreditations();
})();
