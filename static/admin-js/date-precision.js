/* The date's precision follows the date while the editor types.
 *
 * The server applies the same rule on save (archive/dates.py follow_date):
 * no date means «Sin fecha»; a date typed while the precision says «Sin
 * fecha» means «Día». This only shows it before saving. A month or year the
 * editor chose stays as it is.
 */
(function () {
  "use strict";

  function follow(dateInput, precision) {
    var hasDate = dateInput.value.trim() !== "";
    if (!hasDate) {
      precision.value = "unknown";
    } else if (precision.value === "unknown") {
      precision.value = "day";
    }
  }

  function wire() {
    var dateInput = document.querySelector("input[name='date']");
    var precision = document.querySelector("select[name='date_precision']");
    if (!dateInput || !precision) return;
    ["change", "input", "blur"].forEach(function (type) {
      dateInput.addEventListener(type, function () { follow(dateInput, precision); });
    });
    // A new document opens without a date: it reads «Sin fecha» from the start.
    follow(dateInput, precision);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
