/*
 * Suggestions while typing in the search boxes (every input[data-sugerencias]):
 * the WAI-ARIA 1.2 combobox pattern, a list of suggestions that nothing is
 * chosen from until the person moves to it.
 *
 * Progressive enhancement: the page holds a plain search form; this adds the
 * roles, the list and the keys. Without it, or when the suggestions cannot be
 * fetched, typing and Enter search as before. Enter without choosing a
 * suggestion always submits the plain search. Loaded with `defer` from a
 * file, never inline, so a Content-Security-Policy without 'unsafe-inline'
 * allows it; it sets classes and attributes only, never inline styles.
 */
(function () {
  "use strict";

  // Messages from the site's gettext catalogue (the javascript-catalog script,
  // loaded first); without it, the Spanish they are written in.
  var _ = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return values[name]; });
  };

  var DEBOUNCE_MS = 150;
  var MIN_LENGTH = 2;
  var MAX_LENGTH = 100;
  var CACHE_SIZE = 50;

  function countMessage(count) {
    if (count === 0) {
      return _("Sin sugerencias.");
    }
    if (count === 1) {
      return _("1 sugerencia. Usa las flechas para llegar a ella.");
    }
    return interpolate(_("%(count)s sugerencias. Usa las flechas para elegir una."), {count: count}, true);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function enhance(input, number) {
    var endpoint = input.getAttribute("data-sugerencias");
    var anchor = input.parentElement;
    var baseId = input.id || "busqueda-" + number;
    var list = element("ul", "sugerencias");
    var status = element("p", "visually-hidden");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var shownFor = "";
    var cache = new Map();

    list.id = baseId + "-sugerencias";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", _("Sugerencias"));
    list.hidden = true;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    anchor.classList.add("sugerencias-ancla");
    anchor.appendChild(list);
    anchor.appendChild(status);

    // A combobox is a text box: the checkers refuse role=combobox on type=search.
    // The form keeps role=search; phones keep their «search» key.
    input.type = "text";
    input.setAttribute("enterkeyhint", "search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    // The browser's own list of past searches would cover ours.
    input.setAttribute("autocomplete", "off");

    function announce(message) {
      if (status.textContent !== message) {
        status.textContent = message;
      }
    }

    function setActive(index) {
      if (active >= 0 && list.children[active]) {
        list.children[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = list.children[index];
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({block: "nearest"});
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      // So that the same count is announced again when the list next opens.
      announce("");
    }

    function isOpen() {
      return !list.hidden;
    }

    function choose(index) {
      var item = items[index];
      close();
      window.location.assign(item.url);
    }

    function render(query, suggestions) {
      items = suggestions;
      shownFor = query;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      suggestions.forEach(function (item, index) {
        var option = element("li", "sugerencia sugerencia--" + item.kind);
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.appendChild(element("span", "sugerencia__tipo", item.kind_label));
        // Heard as «Actor: Núcleo Promotor, Sociedad civil».
        option.appendChild(element("span", "visually-hidden", ": "));
        option.appendChild(element("span", "sugerencia__texto", item.label));
        if (item.detail) {
          option.appendChild(element("span", "visually-hidden", ", "));
          option.appendChild(element("span", "sugerencia__detalle", item.detail));
        }
        option.addEventListener("click", function () {
          choose(index);
        });
        list.appendChild(option);
      });
      if (document.activeElement !== input) {
        close();
        return;
      }
      if (suggestions.length) {
        open();
      } else {
        close();
      }
      announce(countMessage(suggestions.length));
    }

    function remember(query, suggestions) {
      if (cache.size >= CACHE_SIZE) {
        cache.delete(cache.keys().next().value);
      }
      cache.set(query, suggestions);
    }

    function fetchSuggestions(query) {
      if (cache.has(query)) {
        render(query, cache.get(query));
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      fetch(endpoint + "?" + new URLSearchParams({q: query}).toString(), {
        signal: controller.signal,
        headers: {Accept: "application/json"},
        credentials: "same-origin"
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (!data || !Array.isArray(data.suggestions)) {
            close();
            return;
          }
          remember(query, data.suggestions);
          // An answer to text the person has since changed is not shown.
          if (input.value.trim() === query) {
            render(query, data.suggestions);
          }
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN_LENGTH || query.length > MAX_LENGTH) {
        if (controller) {
          controller.abort();
        }
        items = [];
        shownFor = "";
        close();
        return;
      }
      timer = window.setTimeout(function () {
        fetchSuggestions(query);
      }, DEBOUNCE_MS);
    }

    input.addEventListener("input", schedule);

    input.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var current = items.length && shownFor === input.value.trim();
      switch (event.key) {
        case "ArrowDown":
          if (!current) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(0);
          } else {
            setActive(active + 1 < items.length ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (!current) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(items.length - 1);
          } else {
            setActive(active > 0 ? active - 1 : items.length - 1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(active);
          } else {
            // The form's own submit: the plain search.
            close();
          }
          break;
        case "Escape":
          event.preventDefault();
          if (isOpen()) {
            // The first Escape closes the list and keeps the text...
            close();
          } else if (input.value) {
            // ...the next clears it, as the search box did before it became a combobox.
            input.value = "";
            schedule();
          }
          break;
        case "Tab":
          close();
          break;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          // The caret moves in the text again: no suggestion is chosen.
          setActive(-1);
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);

    // Pressing on the list must not take the focus from the box (the list would close first).
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
  }

  if (!window.fetch || !window.AbortController || !window.Map) {
    return;
  }
  document.querySelectorAll("input[data-sugerencias]").forEach(enhance);
})();
