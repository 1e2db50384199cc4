/* topicgen search box (markup: topicgen/search/README-markup.md). This file is small and loads with the
   page; MiniSearch (minisearch.js), the tokenizer (tokenize.js) and the index of the page's language and
   version (written at build time by topicgen/search/index.py) are fetched the first time the reader focuses
   the box. Results are built with DOM calls only (no innerHTML), no inline script or style and no eval, so
   it runs under Content-Security-Policy: default-src 'self'. It also opens the answer a result points at
   (#tg-line-N), on any page. In node it exports the query functions the tests share with the page. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.TopicgenSearch = api;
    api.start(root, document.currentScript ? document.currentScript.src : "");
  }
})(this, function () {
  "use strict";

  // The index's fields (topicgen/search/index.py FIELDS, in the same order) and what a match in each is worth.
  var FIELDS = ["title", "question", "text", "guide"];
  var BOOST = { title: 4, question: 2, text: 1, guide: 0.5 };
  var MAX_RESULTS = 8;
  var PER_GUIDE = 3; // so that one guide's many questions leave room for others
  var TYPING = /[\p{L}\p{N}\p{M}]$/u; // the query ends inside a word: that word is still being typed

  function single(text) { return [text]; }
  function same(term) { return term; }

  /* MiniSearch's options for the index: the shared tokenizer at index time; at query time plan() has already
     split the text into terms, so each query string is one term as it is. */
  function options(tok) {
    return {
      fields: FIELDS,
      storeFields: ["t", "h", "q", "u", "a"],
      tokenize: tok.tokenize,
      processTerm: same,
      searchOptions: { boost: BOOST, combineWith: "AND", tokenize: single, processTerm: same }
    };
  }

  function load(MiniSearch, tok, json) {
    return MiniSearch.loadJSON(json, options(tok));
  }

  function isCjkTerm(tok, term) {
    return tok.isCjk(term.codePointAt(0));
  }

  /* The query for `text`: every term must match (AND). The word being typed matches as a prefix, and so does
     a lone CJK character (it is the start of the bigrams that hold it). `loose`, tried when nothing matches:
     Latin words of five letters or more may differ by one typo in five letters, and a word typed up to -i or
     -in also tries its -ing stem (traini: train), which the plain prefix cannot reach. No fuzzy CJK: a
     bigram one character off is another word. */
  function plan(tok, text, loose) {
    var spans = tok.spans(text);
    if (!spans.length) return null;
    var typing = TYPING.test(text);
    return {
      combineWith: "AND",
      queries: spans.map(function (span, i) {
        var term = span.term;
        var cjk = isCjkTerm(tok, term);
        var prefix = (i === spans.length - 1 && typing) || (cjk && Array.from(term).length === 1);
        var leaf = { queries: [term], prefix: prefix, fuzzy: loose && !cjk && term.length >= 5 ? 0.2 : false };
        var alt = loose && prefix && !cjk ? ingStem(tok, text.slice(span.start, span.end)) : null;
        return alt && alt !== term ? { combineWith: "OR", queries: [leaf, { queries: [alt], prefix: true }] } : leaf;
      })
    };
  }

  function ingStem(tok, word) {
    var w = word.normalize("NFKC").toLowerCase();
    if (/[a-z]i$/.test(w)) return tok.stem(w + "ng");
    if (/[a-z]in$/.test(w)) return tok.stem(w + "g");
    return null;
  }

  /* The hits of one index, or of several (the root page searches every product's): merged, best first. */
  function hitsOf(ms, query) {
    if (!Array.isArray(ms)) return ms.search(query);
    var all = [];
    ms.forEach(function (one) { all = all.concat(one.search(query)); });
    return all.sort(function (a, b) { return b.score - a.score; });
  }

  /* Up to MAX_RESULTS results, at most PER_GUIDE of one guide, best first. */
  function search(ms, tok, text) {
    var query = plan(tok, text, false);
    if (!query) return [];
    var hits = hitsOf(ms, query);
    if (!hits.length) hits = hitsOf(ms, plan(tok, text, true));
    var perGuide = {};
    var out = [];
    for (var i = 0; i < hits.length && out.length < MAX_RESULTS; i++) {
      var n = perGuide[hits[i].u] || 0;
      if (n < PER_GUIDE) {
        perGuide[hits[i].u] = n + 1;
        out.push(hits[i]);
      }
    }
    return out;
  }

  /* The [start, end) ranges of `text` to mark: the words and bigrams whose term the result matched. */
  function highlight(tok, text, matched) {
    var ranges = [];
    tok.spans(text).forEach(function (span) {
      if (!Object.prototype.hasOwnProperty.call(matched, span.term)) return;
      var last = ranges[ranges.length - 1];
      if (last && span.start <= last[1]) last[1] = Math.max(last[1], span.end); // overlapping bigrams
      else ranges.push([span.start, span.end]);
    });
    return ranges;
  }

  /* A result's link, relative to the page: the root path, the guide's site path, the question's anchor.
     Never more than a relative path: "./" when the page gave no root, so no stored text becomes a scheme. */
  function href(rootPath, hit) {
    return (rootPath || "./") + String(hit.u).replace(/^\/+/, "") + (hit.a ? "#" + hit.a : "");
  }

  // ---- the page: opening an answer from its anchor --------------------------------------------------------

  function openTarget(doc) {
    var m = /^#(tg-line-\d+)$/.exec(doc.location.hash);
    var el = m && doc.getElementById(m[1]);
    if (!el) return;
    for (var up = el.parentElement; up; up = up.parentElement) {
      if (up.tagName === "DETAILS") up.open = true; // the FAQs section around it
    }
    var answer = el.querySelector("details");
    if (answer) answer.open = true;
    el.scrollIntoView({ block: "start" });
    // keyboard and screen reader users land on the question: its summary, link or tour button
    var focusable = el.querySelector("summary, a[href], button");
    if (focusable) focusable.focus({ preventScroll: true });
  }

  // ---- the page: loading ------------------------------------------------------------------------------------

  var scripts = {};

  function script(doc, src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var el = doc.createElement("script");
        el.src = src;
        el.onload = resolve;
        el.onerror = function () { reject(new Error("cannot load " + src)); };
        doc.head.appendChild(el);
      });
    }
    return scripts[src];
  }

  /* The engine over the index at `indexUrls`, or over each of several URLs separated by spaces. */
  function engine(win, base, indexUrls) {
    var doc = win.document;
    var texts = indexUrls.split(/\s+/).filter(Boolean).map(function (indexUrl) {
      return win.fetch(indexUrl, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + indexUrl);
        return r.text();
      });
    });
    return Promise.all([script(doc, base + "minisearch.js"), script(doc, base + "tokenize.js")].concat(texts))
      .then(function (loaded) {
        var tok = win.TopicgenTokenize;
        var all = loaded.slice(2).map(function (json) { return load(win.MiniSearch, tok, json); });
        return { ms: all.length === 1 ? all[0] : all, tok: tok };
      });
  }

  // ---- the page: the combobox -------------------------------------------------------------------------------

  function child(box, selector, tag, attrs) {
    var el = box.querySelector(selector);
    if (el) return el;
    el = box.ownerDocument.createElement(tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    box.appendChild(el);
    return el;
  }

  function strings(box) {
    var s = {};
    try {
      s = JSON.parse(box.getAttribute("data-tg-search-strings") || "{}") || {};
    } catch (err) {
      s = {};
    }
    var fallback = { results: "{count} results", one_result: "1 result", no_results: "No results",
                     loading: "Loading…", error: "Search is not available" };
    Object.keys(fallback).forEach(function (k) { if (typeof s[k] !== "string") s[k] = fallback[k]; });
    return s;
  }

  function marked(doc, text, ranges) {
    var frag = doc.createDocumentFragment();
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) frag.appendChild(doc.createTextNode(text.slice(at, r[0])));
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) frag.appendChild(doc.createTextNode(text.slice(at)));
    return frag;
  }

  function Box(win, box, base, counter) {
    var self = this;
    this.win = win;
    this.box = box;
    this.base = base;
    this.text = strings(box);
    this.input = box.querySelector("input");
    this.list = child(box, "[role=listbox]", "div", { "class": "tg-search-list", role: "listbox" });
    if (!this.list.id) this.list.id = "tg-search-list-" + counter;
    this.empty = child(box, ".tg-search-empty", "p", { "class": "tg-search-empty" });
    this.status = child(box, "[role=status]", "p", { "class": "tg-search-status", role: "status" });
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-controls", this.list.id);
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("autocomplete", "off");
    this.active = -1;
    this.options = [];
    this.ready = null;
    this.lastMs = null;
    this.input.addEventListener("focus", function () {
      if (self.engine && self.input.value) self.update(false); // back in the box: its results again
      else self.prepare();
    });
    this.input.addEventListener("input", function (e) { self.update(!!e.isComposing); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    this.input.addEventListener("blur", function () { self.close(); });
    // a press on a result must not blur the input first (that would close the list under the pointer)
    this.list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest ? e.target.closest("[role=option]") : null;
      if (option) self.follow(option, e);
    });
    box.classList.add("tg-search-ready");
  }

  Box.prototype.prepare = function () {
    var self = this;
    if (this.ready) return this.ready;
    var url = this.box.getAttribute("data-tg-search-index");
    this.say(this.text.loading);
    this.ready = engine(this.win, this.base, url).then(function (e) {
      self.engine = e;
      self.say("");
      if (self.input.value) self.update(false);
      return e;
    }, function (err) {
      self.failed = true;
      self.say(self.text.error);
      self.showEmpty(self.text.error);
      if (self.win.console) self.win.console.warn("topicgen search: " + err.message);
    });
    return this.ready;
  };

  Box.prototype.say = function (message) {
    if (this.status.textContent !== message) this.status.textContent = message;
  };

  Box.prototype.showEmpty = function (message) {
    this.empty.textContent = message;
    this.empty.hidden = !message;
  };

  /* Search for what is in the box. While an IME composes (a Hangul syllable being built, kana not yet
     converted) the text is not what the reader means yet: a miss then keeps the results shown. */
  Box.prototype.update = function (composing) {
    var query = this.input.value;
    if (!this.engine) {
      if (!this.failed) this.prepare();
      return; // prepare() runs the query once the index is there
    }
    if (!query.trim()) {
      this.render([], "");
      return;
    }
    var t0 = this.win.performance.now();
    var hits = search(this.engine.ms, this.engine.tok, query);
    this.lastMs = this.win.performance.now() - t0;
    if (composing && !hits.length && this.options.length) return;
    this.render(hits, query);
  };

  Box.prototype.render = function (hits, query) {
    var doc = this.win.document;
    var tok = this.engine.tok;
    var rootPath = this.box.getAttribute("data-tg-root") || "";
    var list = this.list;
    var id = list.id;
    while (list.firstChild) list.removeChild(list.firstChild);
    this.options = hits.map(function (hit, i) {
      var option = doc.createElement("a");
      option.id = id + "-" + i;
      option.className = "tg-search-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      option.href = href(rootPath, hit);
      var title = doc.createElement("span");
      title.className = "tg-search-guide";
      title.appendChild(marked(doc, String(hit.t), highlight(tok, String(hit.t), hit.match)));
      option.appendChild(title);
      var second = hit.q || hit.h; // the question, or a guide's own heading (often in the page's language)
      if (second) {
        var line = doc.createElement("span");
        line.className = hit.q ? "tg-search-question" : "tg-search-heading";
        line.appendChild(marked(doc, String(second), highlight(tok, String(second), hit.match)));
        option.appendChild(line);
      }
      list.appendChild(option);
      return option;
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var open = hits.length > 0 && doc.activeElement === this.input;
    list.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    var none = query.trim() !== "" && hits.length === 0;
    this.showEmpty(none ? this.text.no_results : "");
    this.say(!query.trim() ? "" : none ? this.text.no_results
      : hits.length === 1 ? this.text.one_result : this.text.results.replace("{count}", String(hits.length)));
  };

  Box.prototype.move = function (step) {
    if (!this.options.length) return;
    if (this.list.hidden) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
    if (this.active >= 0) this.options[this.active].setAttribute("aria-selected", "false");
    var n = this.options.length;
    this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    var option = this.options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
  };

  Box.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    if (this.active >= 0) this.options[this.active].setAttribute("aria-selected", "false");
    this.active = -1;
    this.showEmpty("");
  };

  Box.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return; // an IME's Enter picks a word
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      var option = this.options[this.active >= 0 ? this.active : 0];
      if (option && !this.list.hidden) {
        e.preventDefault();
        this.follow(option, null);
      }
    } else if (e.key === "Escape") {
      if (!this.list.hidden || !this.empty.hidden) {
        e.preventDefault();
        this.close();
      } else if (this.input.value) {
        e.preventDefault();
        this.input.value = "";
        this.render([], "");
      }
    }
  };

  /* Go to a result; one on this very page only changes the hash, so open its answer here. */
  Box.prototype.follow = function (option, event) {
    var loc = this.win.location;
    var target = new URL(option.href, loc.href);
    if (target.pathname === loc.pathname && target.search === loc.search) {
      if (event) event.preventDefault();
      this.close();
      if (loc.hash === target.hash) openTarget(this.win.document);
      else loc.hash = target.hash; // hashchange opens it
      return;
    }
    if (!event) loc.assign(option.href);
  };

  function typingInto(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function start(win, src) {
    var doc = win.document;
    var base = src ? src.replace(/[^/]*$/, "") : "";
    var framed = win.parent !== win;
    if (framed) doc.documentElement.classList.add("tg-framed");
    function boot() {
      var boxes = [];
      Array.prototype.forEach.call(doc.querySelectorAll(".tg-search"), function (el, i) {
        if (framed && !el.hasAttribute("data-tg-search-embed")) return; // the product's frame: hidden
        if (el.querySelector("input")) boxes.push(new Box(win, el, base, i));
      });
      win.TopicgenSearch.boxes = boxes;
      doc.addEventListener("keydown", function (e) {
        if (e.key !== "/" || e.altKey || e.ctrlKey || e.metaKey || typingInto(doc.activeElement)) return;
        if (!boxes.length) return;
        e.preventDefault();
        boxes[0].input.focus();
      });
      openTarget(doc);
    }
    win.addEventListener("hashchange", function () { openTarget(doc); });
    // again once loaded: the browser's own scroll to the fragment comes after DOMContentLoaded and takes
    // the focus off the summary
    win.addEventListener("load", function () { openTarget(doc); });
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", boot);
    else boot();
  }

  return { FIELDS: FIELDS, BOOST: BOOST, options: options, load: load, plan: plan, search: search,
           highlight: highlight, href: href, start: start, boxes: [] };
});
