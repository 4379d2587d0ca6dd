/*
 * The search page's filters (templates/pages/search.html), made quicker:
 * - ticking a box searches at once (the page says so before the first box,
 *   WCAG 3.2.2), and the new page comes back to the same box with the same
 *   lists open. The order waits for «Aplicar filtros»: the arrow keys on a
 *   closed list change its value, and each change would load a page;
 * - a long list (the actors) gets a box that narrows it as one types;
 * - on a wide screen the filters start open.
 *
 * Progressive enhancement: without this file the boxes are ticked and
 * «Aplicar filtros» searches, and every list is shown whole. Loaded with
 * `defer` from a file, never inline, for the Content-Security-Policy; it
 * sets attributes and classes only, never inline styles.
 */
(function () {
  "use strict";

  // Messages from the site's gettext catalogue (the javascript-catalog script,
  // loaded first); without it, the Spanish they are written in.
  var _ = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return values[name]; });
  };

  var STATE_KEY = "archivo-abierto:filtros";
  var WIDE = "(min-width: 60em)";

  function fold(text) {
    // «Ciudad de México» is found by «mexico»: the search itself ignores accents and case.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function rememberAndSubmit(form, panel, control) {
    var open = [];
    panel.querySelectorAll("details[id]").forEach(function (details) {
      if (details.open) {
        open.push(details.id);
      }
    });
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify({
        // The search this submit asks for: a state is restored on that page only.
        query: new URLSearchParams(new FormData(form)).toString(),
        focus: control.id, open: open, panel: panel.open
      }));
    } catch (error) {
      // Storage refused (a private window): the search still runs, from the top of the page.
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function restore(panel) {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(STATE_KEY) || "null");
      sessionStorage.removeItem(STATE_KEY);
    } catch (error) {
      return;
    }
    if (!saved || saved.query !== new URLSearchParams(window.location.search).toString()) {
      return;
    }
    if (saved.panel) {
      panel.open = true;
    }
    (saved.open || []).forEach(function (id) {
      var details = document.getElementById(id);
      if (details && panel.contains(details)) {
        details.open = true;
      }
    });
    var control = saved.focus && document.getElementById(saved.focus);
    if (control && panel.contains(control)) {
      control.focus({preventScroll: true});
      control.scrollIntoView({block: "center"});
    }
  }

  function narrowable(fieldset, number) {
    var items = Array.prototype.slice.call(fieldset.querySelectorAll("li"));
    var noun = fieldset.getAttribute("data-filtrable");
    var box = document.createElement("div");
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("p");
    var inputId = "filtrar-lista-" + number;
    box.className = "facet__narrow";
    label.setAttribute("for", inputId);
    label.textContent = interpolate(_("Buscar %(noun)s en la lista"), {noun: noun}, true);
    input.id = inputId;
    input.type = "search";
    input.autocomplete = "off";
    input.spellcheck = false;
    // No name: the words typed here narrow the list and are never sent with the search.
    input.setAttribute("aria-describedby", inputId + "-estado");
    status.id = inputId + "-estado";
    status.className = "facet__status";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    fieldset.insertBefore(box, fieldset.querySelector("ul"));

    var texts = items.map(function (item) {
      return fold(item.querySelector("label").textContent);
    });

    function narrow() {
      var words = fold(input.value).trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var checked = item.querySelector("input").checked;
        var match = words.every(function (word) {
          return texts[index].indexOf(word) !== -1;
        });
        // A ticked box stays in sight: it is part of the search whatever is typed.
        item.hidden = !(match || checked);
        if (!item.hidden) {
          shown += 1;
        }
      });
      if (!words.length) {
        status.textContent = "";
      } else if (shown === 0) {
        status.textContent = _("Ninguno coincide.");
      } else {
        status.textContent = interpolate(shown === 1 ? _("Se muestra %(shown)s de %(total)s.") : _("Se muestran %(shown)s de %(total)s."),
          {shown: shown, total: items.length}, true);
      }
    }

    input.addEventListener("input", narrow);
    input.addEventListener("keydown", function (event) {
      // Enter here would send the whole form; the list is already narrowed.
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  function enhance() {
    var panel = document.getElementById("filtros");
    var form = panel && panel.closest("form");
    if (!form) {
      return;
    }
    if (window.matchMedia && window.matchMedia(WIDE).matches) {
      panel.open = true;
    }
    panel.querySelectorAll("fieldset[data-filtrable]").forEach(narrowable);

    var note = document.createElement("p");
    note.className = "help search-filters__auto";
    note.textContent = _("Al marcar una casilla, los resultados cambian solos.");
    var title = panel.querySelector(".search-filters__title");
    title.parentNode.insertBefore(note, title.nextSibling);

    panel.addEventListener("change", function (event) {
      var control = event.target;
      if (control.type === "checkbox" && control.name) {
        rememberAndSubmit(form, panel, control);
      }
    });
    restore(panel);

    // Back to this page, the browser may show boxes as they were ticked when
    // leaving it; the results are those of the boxes the page was sent with.
    window.addEventListener("pageshow", function () {
      panel.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = box.defaultChecked;
      });
      panel.querySelectorAll("option").forEach(function (option) {
        option.selected = option.defaultSelected;
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
}());
