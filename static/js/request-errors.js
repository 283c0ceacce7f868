/* newsreader: an htmx request that fails says so where the reader clicked or typed.
   htmx does nothing visible on an error answer (4xx/5xx) or a lost connection; this puts a
   short message right after the element that made the request, with a link that opens the
   same address as a whole page (every hx-get also has a real href, or is a GET form).
   The words come from this script's data attributes, so they follow the interface language.
   A later request from the same element that succeeds removes the message. */
(function () {
  "use strict";

  var script = document.currentScript;
  var words = {
    failed: script.getAttribute("data-failed"),
    offline: script.getAttribute("data-offline"),
    open: script.getAttribute("data-open"),
  };

  function messageFor(element) {
    var next = element.nextElementSibling;
    return next && next.classList.contains("request-error") ? next : null;
  }

  function pageAddress(element, detail) {
    if (element.getAttribute("href")) return element.getAttribute("href");
    var form = element.closest("form");
    if (form && form.method.toLowerCase() === "get") {
      var query = new URLSearchParams(new FormData(form)).toString();
      return (form.getAttribute("action") || location.pathname) + (query ? "?" + query : "");
    }
    return detail.pathInfo && detail.pathInfo.requestPath;
  }

  function showError(event, text) {
    var element = event.detail.elt;
    if (!element || !element.parentNode) return;
    var message = messageFor(element) || document.createElement("span");
    message.className = "request-error";
    message.setAttribute("role", "alert");
    message.textContent = text + " ";
    var address = pageAddress(element, event.detail);
    if (address) {
      var link = document.createElement("a");
      link.href = address;
      link.textContent = words.open;
      message.appendChild(link);
    }
    if (!message.parentNode) element.insertAdjacentElement("afterend", message);
  }

  document.addEventListener("htmx:responseError", function (event) {
    showError(event, words.failed);
  });
  document.addEventListener("htmx:sendError", function (event) {
    showError(event, words.offline);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    var message = element && event.detail.successful ? messageFor(element) : null;
    if (message) message.remove();
  });
})();
