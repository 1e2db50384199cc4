// Runs the theme's tokenize.js over the shared vectors: prints [{name, terms}] as JSON for pytest to compare.
"use strict";
const fs = require("fs");
const path = require("path");
const tokenizer = require(path.resolve(__dirname, "../../themes/default/static/search/tokenize.js"));
const vectors = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = vectors.cases.map((c) => ({ name: c.name, terms: tokenizer.tokenize(c.text),
  spans: tokenizer.spans(c.text).map((s) => s.term) }));
process.stdout.write(JSON.stringify(out));
