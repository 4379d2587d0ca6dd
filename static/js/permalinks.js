/*
 * Copy buttons for permanent addresses and citations, and links to passages.
 *
 * Progressive enhancement: without JavaScript the buttons stay hidden, the
 * addresses and citations are plain text to select and the passage links
 * are ordinary #anchors. Loaded with `defer`
 * from a file, never inline, so a Content-Security-Policy without
 * 'unsafe-inline' allows it.
 */
(function () {
  "use strict";

  // Messages from the site's gettext catalogue (the javascript-catalog script); else Spanish.
  var _ = window.gettext || function (text) { return text; };

  var status = document.querySelector("[data-copy-status]");
  if (!status) {
    status = document.createElement("p");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-copy-status", "");
    document.body.appendChild(status);
  }
  status.className = "copy-status";
  var clearTimer = null;

  function announce(message) {
    // Emptied first so that copying twice is announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
    window.clearTimeout(clearTimer);
    clearTimer = window.setTimeout(function () {
      status.textContent = "";
    }, 4000);
  }

  function copyWithSelection(text) {
    // For pages served over plain http, where navigator.clipboard is absent.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // With html too, a word processor keeps a citation's italics; anything
  // else pastes the plain text.
  function copy(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      var written;
      if (html && navigator.clipboard.write && window.ClipboardItem) {
        written = navigator.clipboard.write([new window.ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" })
        })]);
      } else {
        written = navigator.clipboard.writeText(text);
      }
      return written.catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  // A passage is cited through the permanent address when the page has one:
  // it outlives the page's present address, and browsers keep the #fragment
  // across the redirect.
  function passageUrl(anchor) {
    var base = document.querySelector("[data-copy-base]");
    var address = base ? base.getAttribute("data-copy-base") : "";
    if (!address) {
      address = window.location.href.split("#")[0];
    }
    return address + "#" + anchor;
  }

  // data-copy-text holds the text itself; data-copy-from names the element
  // whose text (a citation) is copied as the reader sees it.
  document.querySelectorAll("button[data-copy-text], button[data-copy-from]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy-from") || "");
    if (!button.hasAttribute("data-copy-text") && !source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source ? source.innerText.trim() : button.getAttribute("data-copy-text");
      copy(text, source ? source.innerHTML.trim() : null).then(
        function () { announce(button.getAttribute("data-copy-done") || _("Copiado.")); },
        function () { announce(_("No se pudo copiar. Selecciona el texto y cópialo.")); }
      );
    });
  });

  // A click on a link (mouse, or Enter on the keyboard) copies instead of
  // jumping; if copying fails the link does what it does without JavaScript.
  document.querySelectorAll("a[data-copy-anchor]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var anchor = link.getAttribute("href").slice(1);
      event.preventDefault();
      copy(passageUrl(anchor)).then(
        function () {
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", "#" + anchor);
          }
          announce(_("Enlace copiado"));
        },
        function () {
          window.location.hash = anchor;
          announce(_("No se pudo copiar. El enlace está en la barra de direcciones."));
        }
      );
    });
  });
})();
