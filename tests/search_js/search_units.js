// search.js's pure parts (query plan, highlight ranges, result links) on the inputs of test_search_units.py.
"use strict";
const fs = require("fs");
const path = require("path");
const STATIC = path.resolve(__dirname, "../../themes/default/static/search");
const tok = require(path.join(STATIC, "tokenize.js"));
const search = require(path.join(STATIC, "search.js"));

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify({
  plans: input.plans.map(([text, loose]) => search.plan(tok, text, loose)),
  highlights: input.highlights.map(([text, terms]) =>
    search.highlight(tok, text, Object.fromEntries(terms.map((t) => [t, ["question"]])))),
  hrefs: input.hrefs.map(([root, hit]) => search.href(root, hit))
}));
