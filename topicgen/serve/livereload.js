// Injected by `topicgen serve` into the pages it serves (never into a built site): reloads the page when a
// rebuild finishes, and lets the writer dismiss the error overlay. Same origin only, no third-party host.
(function () {
  "use strict";
  var tag = document.getElementById("topicgen-livereload");
  var version = tag ? tag.getAttribute("data-version") : null;
  var source = null;

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
  var close = document.getElementById("topicgen-overlay-close");
  if (close) {
    close.addEventListener("click", function () {
      document.getElementById("topicgen-overlay").hidden = true;
    });
  }
  connect();
})();
