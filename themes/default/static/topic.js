/* topicgen default theme: tells the product that frames a guide what the reader does (README: "Events for the
   framing product"). Every message is written by the build into a data-tg-message attribute from the model;
   this file only adds `path` and posts it. No inline script, so the pages run under a strict CSP. */
(function () {
  "use strict";
  var root = document.documentElement;
  var framed = window.parent !== window;
  // "/" means the page's own origin; the build writes the configured embed.parent_origin here.
  var origin = root.getAttribute("data-tg-origin") || "/";

  function post(message) {
    if (!framed) return; // a page read on its own has nobody to tell
    try {
      window.parent.postMessage(message, origin);
    } catch (err) {
      // a malformed origin must not break the page itself
    }
  }

  function messageOf(el) {
    var message;
    try {
      message = JSON.parse(el.getAttribute("data-tg-message"));
    } catch (err) {
      return null;
    }
    if (message.payload && Object.prototype.hasOwnProperty.call(message.payload, "path")) {
      message.payload.path = location.pathname;
    }
    return message;
  }

  if (framed) root.classList.add("tg-framed");

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-tg-message]") : null;
    if (!el) return;
    if (el.tagName === "DETAILS") {
      // an answer: only a click on its own summary that is about to open it counts
      var summary = event.target.closest("summary");
      if (!summary || summary.parentElement !== el || el.open) return;
    }
    var message = messageOf(el);
    if (!message) return;
    if (framed && message.action === "videoModal") event.preventDefault(); // the product shows the video
    post(message);
  });

  // Printing shows every answer: open all accordions for the print, then restore them.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  if (document.body && document.body.classList.contains("tg-guide")) {
    post({ frameStatus: "loaded", action: "guidedTour" });
  }
})();
