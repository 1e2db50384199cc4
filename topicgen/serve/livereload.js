// Injected by `topicgen serve` into the pages it serves (never into a built site): brings the page up to date
// when a rebuild finishes, and lets the writer dismiss the error overlay. Same origin only, no third-party host.
//
// An edit that changed only text or attributes is patched into the open page: the writer keeps the scroll
// position, the answers they opened and whatever the page's scripts did, and sees the edit without waiting
// for the browser to load the page again. The patch is a three-way one: what changed between the page as
// served before and as served now is applied to the live page, each change only where the live page still
// holds what was served. Anything else (elements added, removed or moved, a script changed, a live page whose
// scripts changed what the edit reaches, a page that is no longer there) reloads the page, as before.
(function () {
  "use strict";
  var MARK = "data-topicgen-preview";  // the preview's own box; the sanitizer lets no guide element carry it
  // This script's own element, and the preview's box around it: never looked up by id, which an element of
  // a guide could also carry (a page that found another element here would reload without end).
  var tag = document.currentScript;
  var box = tag ? tag.parentNode : null;
  var version = tag ? tag.getAttribute("data-version") : null;
  var source = null;
  var latest = version;  // the newest version the server has announced
  var reloadFrom = tag ? tag.getAttribute("data-reload") : "";  // the last build that tabs must reload for
  var busy = false;
  if (!version || !box) return;

  // The page as served, parsed: the live page before the page's scripts ran on it. Taken again now, as the
  // browser keeps no copy; a page served by another build than this one's is no base for a patch.
  var served = fetchPage().then(function (doc) { return doc.version === version ? doc : null; },
                                function () { return null; });

  function fetchPage() {
    return fetch(location.href, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (r.status !== 200 || r.redirected || type.indexOf("text/html") !== 0) throw new Error("not a page");
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var last = doc.body ? doc.body.lastElementChild : null;
      var own = last && last.hasAttribute(MARK) ? last.querySelector("script[data-version]") : null;
      if (!own) throw new Error("not a preview page");
      doc.version = own.getAttribute("data-version");
      doc.reloadFrom = own.getAttribute("data-reload");
      return doc;
    });
  }

  function reload(why) {
    if (why) console.info("topicgen serve: reloading the page: " + (why.message || why));
    if (source) source.close();
    source = null;
    location.reload();
  }

  // Whether build `a` came later than build `b` ("<session>-<count>"; a restarted server has another session).
  function later(a, b) {
    if (!a) return false;
    var i = a.lastIndexOf("-"), j = b.lastIndexOf("-");
    return a.slice(0, i) !== b.slice(0, j) || Number(a.slice(i + 1)) > Number(b.slice(j + 1));
  }

  function update() {
    if (busy) return;  // the running update looks at `latest` again when it is done
    if (later(reloadFrom, version)) return reload("a copied file changed");  // a stylesheet, an image...
    busy = true;
    served.then(function (before) {
      if (!before) throw new Error("no base for a patch");
      return fetchPage().then(function (now) {
        if (later(now.reloadFrom, version)) throw new Error("a copied file changed");
        var why = patch(before, now);
        if (why) throw new Error(why);
        version = now.version;
        served = Promise.resolve(now);
      });
    }).then(function () {
      busy = false;
      if (latest !== version) update();
    }, reload);
  }

  // ---- the patch --------------------------------------------------------------------------------------------

  function runs(el) {  // a script the browser executes, not a data block (JSON-LD)
    var type = (el.getAttribute("type") || "").trim().toLowerCase();
    return !(type.indexOf("json") !== -1 && type !== "importmap" && type !== "speculationrules");
  }

  // The changes from `a` (as served before) to `b` (as served now) under `path`, added to `changes`; or why
  // they are more than text and attribute values.
  function compare(a, b, path, changes) {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return "a node became another";
    if (a.nodeType !== 1) {
      if (a.nodeValue !== b.nodeValue) changes.push({ path: path, was: a.nodeValue, now: b.nodeValue });
      return "";
    }
    if (a.hasAttribute(MARK) || b.hasAttribute(MARK)) {
      return a.hasAttribute(MARK) && b.hasAttribute(MARK) ? "" : "the preview's box moved";
    }
    var script = a.nodeName === "SCRIPT";
    if (script && (runs(a) || runs(b)) && a.outerHTML !== b.outerHTML) return "a script changed";
    if (a.nodeName === "TEMPLATE" && a.innerHTML !== b.innerHTML) return "a template changed";  // not children
    var names = {};
    Array.prototype.forEach.call(a.attributes, function (at) { names[at.name] = true; });
    Array.prototype.forEach.call(b.attributes, function (at) { names[at.name] = true; });
    for (var name in names) {
      var was = a.getAttribute(name), now = b.getAttribute(name);
      if (was === now) continue;
      if (script || name.slice(0, 2).toLowerCase() === "on") return "a script's attribute changed";
      changes.push({ path: path, name: name, was: was, now: now });
    }
    if (a.childNodes.length !== b.childNodes.length) return "elements were added or removed";
    for (var i = 0; i < a.childNodes.length; i++) {
      var why = compare(a.childNodes[i], b.childNodes[i], path.concat(i), changes);
      if (why) return why;
    }
    return "";
  }

  // The live node at `path`, if the live page still has there what `before` has (scripts may have added
  // nodes after it, not before).
  function live(before, path) {
    var node = document.documentElement, was = before.documentElement;
    for (var i = 0; i < path.length; i++) {
      if (node.nodeName !== was.nodeName || node.childNodes.length < was.childNodes.length) return null;
      node = node.childNodes[path[i]];
      was = was.childNodes[path[i]];
    }
    return node.nodeName === was.nodeName ? node : null;
  }

  // Applies the changes from `before` to `after` to the live page and returns "", or returns why it cannot.
  function patch(before, after) {
    var changes = [];
    var why = compare(before.documentElement, after.documentElement, [], changes);
    if (why) return why;
    var nodes = changes.map(function (c) { return live(before, c.path); });
    var holds = changes.every(function (c, i) {  // all checked before any is applied: never half a patch
      var node = nodes[i];
      if (!node) return false;
      return c.name === undefined ? node.nodeValue === c.was : node.getAttribute(c.name) === c.was;
    });
    if (!holds) return "the page's scripts changed what the edit reaches";
    changes.forEach(function (c, i) {
      if (c.name === undefined) nodes[i].nodeValue = c.now;
      else if (c.now === null) nodes[i].removeAttribute(c.name);
      else nodes[i].setAttribute(c.name, c.now);
    });
    // The preview's box: the overlay and the guide's warnings as the server now shows them. This script and
    // the box's stylesheet stay: a stylesheet put in again would leave the new overlay unstyled until it loads.
    function kept(n) { return n.nodeName === "SCRIPT" || n.nodeName === "LINK"; }
    Array.prototype.slice.call(box.childNodes).forEach(function (n) { if (!kept(n)) box.removeChild(n); });
    Array.prototype.forEach.call(after.body.lastElementChild.childNodes, function (n) {
      if (!kept(n)) box.insertBefore(document.importNode(n, true), tag);
    });
    return "";
  }

  // ---- the events -------------------------------------------------------------------------------------------

  function connect() {
    // A hidden tab gives its connection back: browsers allow only six per host, and writers open many tabs.
    if (source || document.hidden || !window.EventSource) return;
    source = new EventSource("/__topicgen/events");
    source.onopen = function () { window.topicgenLive = true; };  // lets tests know the tab is listening
    source.onmessage = function (event) {  // "<version> <the last build to reload for>"
      var parts = (event.data || "").split(" ");
      if (!parts[0]) return;
      latest = parts[0];
      reloadFrom = parts[1] || latest;
      if (latest !== version) update();
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
  box.addEventListener("click", function (event) {  // the overlay's button, also once a patch replaced it
    var close = event.target.closest ? event.target.closest("#topicgen-overlay-close") : null;
    var overlay = box.querySelector("#topicgen-overlay");
    if (close && overlay && box.contains(close)) overlay.hidden = true;
  });
  connect();
})();
