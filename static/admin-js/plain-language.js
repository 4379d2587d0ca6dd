/* Plain language, live in the page editor.
 *
 * Under the summary, shows how easy the summary and the body are to read
 * (INFLESZ and Fernández-Huerta, with what the number means in words), the
 * average sentence length, the long sentences and the terms to explain, a
 * moment after the editor stops typing. Before publishing a summary scored
 * below the threshold, it asks for confirmation.
 *
 * A plain script: it reads the form's own fields (the summary's textarea and
 * whatever the body's blocks show) and needs nothing from Wagtail's
 * JavaScript API, so Wagtail upgrades do not break it. The scores come from
 * the server (archive/plainlanguage), the one place they are computed.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var endpoint = script.dataset.endpoint;
  var threshold = Number(script.dataset.threshold);
  var DELAY = 500;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Spanish as the site writes it, «12,5» (archive/spanish.py): es-MX would write «12.5».
  function formatNumber(value) {
    return Number(value).toLocaleString("es", { maximumFractionDigits: 1 });
  }

  function init() {
    var summary = document.getElementById("id_summary");
    if (!summary || !summary.form) return; // not a document's editor
    var form = summary.form;
    var latest = null;
    var timer = null;
    var lastAnnounced = "";
    var bypass = false;

    var panel = element("section", "plain-language");
    panel.setAttribute("aria-labelledby", "plain-language-title");
    panel.appendChild(element("h2", "plain-language__title", "¿Se entiende fácil?"));
    panel.firstChild.id = "plain-language-title";
    panel.appendChild(element("p", "plain-language__hint",
      "Se calcula mientras escribes. Para publicar sin confirmar, el resumen debe llegar a " + formatNumber(threshold) +
      " o más en la escala INFLESZ («normal»): frases cortas y palabras de uso diario."));
    var summaryPart = element("div", "plain-language__part");
    var bodyPart = element("div", "plain-language__part");
    panel.appendChild(summaryPart);
    panel.appendChild(bodyPart);
    // Announces only a change of level, not every keystroke.
    var status = element("p", "plain-language__status");
    status.setAttribute("role", "status");
    panel.appendChild(status);

    var field = summary.closest("[data-field]") || summary;
    field.insertAdjacentElement("afterend", panel);

    function bodyText() {
      var body = form.querySelector('[data-contentpath="body"]');
      if (!body) return "";
      var parts = [];
      body.querySelectorAll('input[type="text"], textarea, [contenteditable="true"]').forEach(function (node) {
        var text = node.isContentEditable ? node.innerText : node.value;
        if (text && text.trim()) parts.push(text.trim());
      });
      return parts.join("\n");
    }

    function csrfToken() {
      var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
      return input ? input.value : "";
    }

    function fetchScores() {
      return fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ summary: summary.value, body: bodyText() }),
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }

    function renderPart(container, title, result, emptyText, warn) {
      container.textContent = "";
      container.appendChild(element("h3", "plain-language__part-title", title));
      if (result.szigriszt_pazos === null) {
        container.appendChild(element("p", "plain-language__empty", emptyText));
        return;
      }
      var list = element("dl", "plain-language__scores");
      [
        ["Legibilidad INFLESZ (Szigriszt-Pazos)", formatNumber(result.szigriszt_pazos) + " de 100: " + result.inflesz_label],
        ["Fernández-Huerta", formatNumber(result.fernandez_huerta) + " de 100: " + result.fernandez_huerta_label],
        ["Palabras por frase", formatNumber(result.average_sentence_length) + " en promedio (mejor 20 o menos)"],
      ].forEach(function (pair) {
        var row = element("div");
        row.appendChild(element("dt", "", pair[0]));
        row.appendChild(element("dd", "", pair[1]));
        list.appendChild(row);
      });
      container.appendChild(list);
      if (warn) {
        container.appendChild(element("p", "plain-language__warning",
          "Este resumen es " + result.inflesz_label + " de leer. Usa frases más cortas y palabras más comunes: " +
          "antes de publicar te pediremos confirmar."));
      }
      if (result.long_sentences.length) {
        container.appendChild(element("p", "plain-language__subtitle", "Frases largas (más de 30 palabras):"));
        var sentences = element("ul", "plain-language__list");
        result.long_sentences.forEach(function (sentence) {
          sentences.appendChild(element("li", "", "«" + sentence.text + "» (" + sentence.words + " palabras)"));
        });
        container.appendChild(sentences);
      }
      if (result.jargon.length) {
        container.appendChild(element("p", "plain-language__subtitle", "Palabras que conviene explicar o cambiar:"));
        var terms = element("ul", "plain-language__list");
        result.jargon.forEach(function (item) {
          var row = element("li");
          row.appendChild(element("strong", "", item.text));
          row.appendChild(document.createTextNode(": " + item.explanation));
          terms.appendChild(row);
        });
        container.appendChild(terms);
      }
    }

    function render(data) {
      latest = data;
      panel.classList.toggle("plain-language--below", data.summary_below_threshold);
      renderPart(summaryPart, "Resumen", data.summary, "Escribe al menos una frase para ver qué tan fácil es de leer.",
        data.summary_below_threshold);
      renderPart(bodyPart, "Contenido", data.body, "El contenido está vacío o es muy corto para medirlo.", false);
      var level = data.summary.inflesz_label ? "Resumen: " + data.summary.inflesz_label + " de leer." : "";
      if (level !== lastAnnounced) {
        status.textContent = level;
        lastAnnounced = level;
      }
    }

    function update() {
      return fetchScores().then(render, function () {
        var message = "No se pudo medir la legibilidad en este momento.";
        summaryPart.textContent = message;
        status.textContent = message;
        lastAnnounced = "";
      });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY);
    }

    form.addEventListener("input", schedule);
    update();

    // Confirmation before publishing a hard summary. Captured on the
    // document, so it runs before Wagtail's own handlers on the button.
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest('button[name="action-publish"]');
      if (!button || bypass || button.form !== form) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      window.clearTimeout(timer);
      fetchScores().then(render, function () {}).then(function () {
        if (latest && latest.summary_below_threshold) {
          var message = "El resumen es " + latest.summary.inflesz_label + " de leer (INFLESZ " +
            formatNumber(latest.summary.szigriszt_pazos) + "; lo recomendable es " + formatNumber(threshold) +
            " o más). ¿Quieres publicarlo así de todos modos?";
          if (!window.confirm(message)) {
            summary.focus();
            return;
          }
        }
        bypass = true;
        try {
          button.click();
        } finally {
          bypass = false;
        }
      });
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
