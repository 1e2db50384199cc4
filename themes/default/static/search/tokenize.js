/* topicgen search: text to search terms. The same rule as topicgen/search/tokenize.py, which writes the
   index; tests/fixtures/search/vectors.json holds the cases both must pass. In a page it defines
   window.TopicgenTokenize; in node, module.exports. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.TopicgenTokenize = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Split into character bigrams, not words: Han, Hiragana, Katakana, Hangul. Ranges, not \p{Script}, so
  // that Python (whose re has no script classes) sees exactly the same set. ー (U+30FC, Common) stays inside
  // a word (サービス); the middle dot ・ (U+30FB) separates words.
  var CJK_RANGES = [
    [0x1100, 0x11FF], // Hangul Jamo
    [0x2E80, 0x2FDF], // CJK and Kangxi radicals
    [0x3005, 0x3007], // 々 〆 〇
    [0x303B, 0x303C], // 〻 〼
    [0x3041, 0x3096], // Hiragana
    [0x3099, 0x309F], // voicing marks, ゝ ゞ ゟ
    [0x30A1, 0x30FA], // Katakana
    [0x30FC, 0x30FF], // ー ヽ ヾ ヿ
    [0x3130, 0x318F], // Hangul compatibility jamo
    [0x31F0, 0x31FF], // Katakana phonetic extensions
    [0x3400, 0x4DBF], // CJK extension A
    [0x4E00, 0x9FFF], // CJK unified ideographs
    [0xA960, 0xA97F], // Hangul Jamo extended A
    [0xAC00, 0xD7FF], // Hangul syllables, Jamo extended B
    [0xF900, 0xFAFF], // CJK compatibility ideographs
    [0x20000, 0x3134F] // CJK extensions B to G
  ];
  var WORD = /^[\p{L}\p{N}\p{Mn}\p{Mc}]$/u; // Python: unicodedata.category L*, N*, Mn, Mc
  var ASCII_WORD = /^[a-z]+$/;
  var VOWEL = /[aeiouy]/;

  function isCjk(code) {
    for (var i = 0; i < CJK_RANGES.length; i++) {
      if (code >= CJK_RANGES[i][0] && code <= CJK_RANGES[i][1]) return true;
    }
    return false;
  }

  function isWord(ch) {
    var code = ch.codePointAt(0);
    if ((code >= 0xFE00 && code <= 0xFE0F) || (code >= 0xE0100 && code <= 0xE01EF)) return false;
    return WORD.test(ch);
  }

  function undouble(word) {
    var last = word.charAt(word.length - 1);
    if (word.length > 3 && last === word.charAt(word.length - 2) && !/[aeiouylsz]/.test(last)) {
      return word.slice(0, -1);
    }
    return word;
  }

  function endsWith(word, suffix) {
    return word.length >= suffix.length && word.slice(-suffix.length) === suffix;
  }

  /* A small English suffix stemmer (train, trains, trained, training: train). Only words of four or more
     ASCII letters are touched, in three steps:
     1. plural: -sses gives -ss, -ies gives -y, else a final -s goes (not after s, u or i: class, status, axis);
     2. the first of -ing, -ed, -ly goes when what remains has a vowel and at least three letters (four for
        -ly, and not after p: apply is not app); then a doubled final consonant other than l, s, z is
        undoubled while three letters remain (running: run, added: add);
     3. a final -e goes when three letters remain (create: creat, as created and creating give). */
  function stem(word) {
    if (word.length < 4 || !ASCII_WORD.test(word)) return word;
    if (endsWith(word, "sses")) word = word.slice(0, -2);
    else if (endsWith(word, "ies") && word.length > 4) word = word.slice(0, -3) + "y";
    else if (endsWith(word, "s") && !endsWith(word, "ss") && !endsWith(word, "us") && !endsWith(word, "is")) {
      word = word.slice(0, -1);
    }
    var suffixes = [["ing", 3], ["ed", 3], ["ly", 4]];
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i][0];
      if (!endsWith(word, suffix)) continue;
      var rest = word.slice(0, -suffix.length);
      if (rest.length >= suffixes[i][1] && VOWEL.test(rest) && !(suffix === "ly" && endsWith(rest, "p"))) {
        word = undouble(rest);
      }
      break;
    }
    if (endsWith(word, "e") && word.length > 3) word = word.slice(0, -1);
    return word;
  }

  function bigrams(chars) {
    if (chars.length === 1) return [chars[0]];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  function classify(ch) {
    return isCjk(ch.codePointAt(0)) ? "c" : isWord(ch) ? "w" : "";
  }

  /* Pieces of normalized text with where they came from: each is a term source ("w" word or "c" CJK run),
     its characters (code points) and, per character, the [start, end) of the original text it came from.
     The text is normalized as a whole (NFKC, then lower case), so ｶﾞ is ガ as in tokenize(). */
  function runs(text, withOrigins) {
    var norm = text.normalize("NFKC").toLowerCase();
    var chars = Array.from(norm);
    var origin = withOrigins ? origins(text, chars.length) : null;
    var out = [];
    var run = null;
    for (var i = 0; i <= chars.length; i++) {
      var kind = i < chars.length ? classify(chars[i]) : "";
      if (run && kind !== run.kind) {
        out.push(run);
        run = null;
      }
      if (!kind) continue;
      if (!run) run = { kind: kind, chars: [], from: [] };
      run.chars.push(chars[i]);
      if (origin) run.from.push(origin[i]);
    }
    return out;
  }

  // For each normalized code point, the [start, end) in the original text (UTF-16 offsets): characters of
  // the original are added one at a time and the prefix normalized again (quadratic, but only ever run on
  // a result's title and question), each new normalized code point charged to the character that made it.
  function origins(text, count) {
    var result = [];
    var offset = 0;
    var done = 0;
    var prefix = "";
    var pieces = Array.from(text);
    for (var i = 0; i < pieces.length; i++) {
      prefix += pieces[i];
      var n = Array.from(prefix.normalize("NFKC").toLowerCase()).length;
      if (n > done) {
        for (; done < n && done < count; done++) result.push([offset, offset + pieces[i].length]);
      } else if (result.length) {
        result[result.length - 1][1] = offset + pieces[i].length; // merged into the previous one (ｶ then ﾞ)
      }
      offset += pieces[i].length;
    }
    while (result.length < count) result.push([offset, offset]);
    return result;
  }

  function termsOf(run) {
    return run.kind === "c" ? bigrams(run.chars) : [stem(run.chars.join(""))];
  }

  /* NFKC, lower case, then words (stemmed) and CJK runs (overlapping bigrams; a lone character stays). */
  function tokenize(text) {
    var terms = [];
    runs(String(text), false).forEach(function (run) {
      Array.prototype.push.apply(terms, termsOf(run));
    });
    return terms;
  }

  /* The terms of `text` with the [start, end) of the original text each covers, for highlighting. */
  function spans(text) {
    var out = [];
    runs(String(text), true).forEach(function (run) {
      if (run.kind === "w") {
        out.push({ term: stem(run.chars.join("")), start: run.from[0][0], end: run.from[run.from.length - 1][1] });
        return;
      }
      termsOf(run).forEach(function (term, i) {
        var last = run.chars.length === 1 ? i : i + 1;
        out.push({ term: term, start: run.from[i][0], end: run.from[last][1] });
      });
    });
    return out;
  }

  return { tokenize: tokenize, spans: spans, stem: stem, isCjk: isCjk };
});
