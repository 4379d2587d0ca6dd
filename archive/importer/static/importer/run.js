// Follows an import in progress without reloading the page: the bar and the
// status line change as the worker goes; the page reloads once, when the run
// ends, to show its report. Without this script the «Actualizar» link does it.
(function () {
  "use strict";
  var section = document.querySelector("[data-importer-run]");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-importer-run");
  var status = section.querySelector("[data-importer-status]");
  var bar = section.querySelector("[data-importer-progress]");
  var lastSaid = "";
  var lastAnnounced = 0;

  function show(data) {
    if (data.terminada) {
      window.location.reload();
      return;
    }
    bar.max = Math.max(data.filas, 1);
    bar.value = data.filas_hechas;
    bar.textContent = data.filas_hechas + " de " + data.filas;
    var said = data.estado === "queued"
      ? "En cola: empieza en cuanto el proceso de trabajos quede libre."
      : "En curso: fila " + data.filas_hechas + " de " + data.filas + ".";
    // A screen reader hears the status every ten seconds at most, not at every row.
    var now = Date.now();
    if (said !== lastSaid && now - lastAnnounced > 10000) {
      status.textContent = said;
      lastSaid = said;
      lastAnnounced = now;
    }
    setTimeout(poll, 2000);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(show)
      .catch(function () { setTimeout(poll, 10000); });
  }

  setTimeout(poll, 2000);
})();
