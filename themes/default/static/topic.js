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
    // A video of the site's own is written relative to the guide's source: the product gets the address the
    // page links to, in full.
    if (message.action === "videoModal" && message.payload && el.hasAttribute("href") &&
        !/^[a-z][a-z0-9+.-]*:/i.test(message.payload.url || "")) {
      message.payload.url = el.href;
    }
    return message;
  }

  if (framed) root.classList.add("tg-framed");

  // Opened from disk (file://) no server gives a folder its index.html: the links to the site's pages, which
  // are folders (a trailing slash), get it written out. A link to another site or to this page is left.
  if (location.protocol === "file:") {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var parts = a.getAttribute("href").split("#");
      if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(parts[0]) || !/\/$/.test(parts[0])) return;
      parts[0] += "index.html";
      a.setAttribute("href", parts.join("#"));
    });
  }

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

  // A thumbnail that cannot be loaded (an external host down or refused) gives way to the theme's blank.
  function thumbFailed(img) {
    var blank = img.nextElementSibling;
    if (blank && blank.classList.contains("tg-video-blank")) {
      img.hidden = true;
      blank.hidden = false;
    }
  }
  document.addEventListener("error", function (event) {
    if (event.target.classList && event.target.classList.contains("tg-thumb")) thumbFailed(event.target);
  }, true); // error events do not bubble: caught on the way down
  Array.prototype.forEach.call(document.querySelectorAll("img.tg-thumb"), function (img) {
    if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) thumbFailed(img); // failed before us
  });

  // The header's language and version menus: one open at a time, closed by Escape or a click elsewhere.
  var menus = document.querySelectorAll("details.tg-menu");
  document.addEventListener("click", function (event) {
    Array.prototype.forEach.call(menus, function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    Array.prototype.forEach.call(menus, function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });

  // A listing's filter: guides whose title holds every word typed, the count said in a live region.
  var filter = document.querySelector(".tg-filter");
  var list = document.querySelector("[data-tg-filter-list]");
  if (filter && list) {
    var input = filter.querySelector("input");
    var status = filter.querySelector("[role=status]");
    var none = document.querySelector(".tg-filter-none");
    var items = list.querySelectorAll("li[data-tg-filter-text]");
    filter.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var text = li.getAttribute("data-tg-filter-text");
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        li.hidden = !match;
        if (match) shown += 1;
      });
      none.hidden = shown !== 0;
      status.textContent = words.length ? input.getAttribute("data-tg-filter-shown")
        .replace("{shown}", shown).replace("{total}", items.length) : "";
    });
  }

  if (document.body && document.body.classList.contains("tg-guide")) {
    post({ frameStatus: "loaded", action: "guidedTour" });
  }
})();
