// Injected by `topicgen serve` into the pages it serves (never into a built site): reloads the page when a
// rebuild finishes, and lets the writer dismiss the error overlay. Same origin only, no third-party host.
(function () {
  "use strict";
  // This script's own element, and the preview's box around it: never looked up by id, which an element of
  // a guide could also carry (a page that found another element here would reload without end).
  var tag = document.currentScript;
  var box = tag ? tag.parentNode : null;
  var version = tag ? tag.getAttribute("data-version") : null;
  var source = null;
  if (!version || !box) return;

  function connect() {
    // A hidden tab gives its connection back: browsers allow only six per host, and writers open many tabs.
    if (source || document.hidden || !window.EventSource) return;
    source = new EventSource("/__topicgen/events");
    source.onopen = function () { window.topicgenLive = true; };  // lets tests know the tab is listening
    source.onmessage = function (event) {
      if (event.data && event.data !== version) {
        source.close();
        location.reload();
      }
    };
  }

  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  var close = box.querySelector("#topicgen-overlay-close");
  if (close) {
    close.addEventListener("click", function () {
      box.querySelector("#topicgen-overlay").hidden = true;
    });
  }
  connect();
})();
