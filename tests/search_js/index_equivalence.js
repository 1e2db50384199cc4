// The index topicgen writes in Python against the one MiniSearch builds itself from the same documents.
// Input (file named by argv[2]): {documents, index (the Python JSON text), queries}. Output: both indexes'
// toJSON() (index entries sorted by term) and, per query, the results of search.js's query over each.
"use strict";
const fs = require("fs");
const path = require("path");
const STATIC = path.resolve(__dirname, "../../themes/default/static/search");
const MiniSearch = require(path.join(STATIC, "minisearch.js"));
const tok = require(path.join(STATIC, "tokenize.js"));
const search = require(path.join(STATIC, "search.js"));

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const loaded = search.load(MiniSearch, tok, input.index);
const fresh = new MiniSearch(search.options(tok));
fresh.addAll(input.documents);

function canonical(ms) {
  const json = ms.toJSON();
  json.index.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return json;
}

const results = (ms, q) => search.search(ms, tok, q).map((h) => [h.id, h.score, Object.keys(h.match).sort()]);
process.stdout.write(JSON.stringify({
  fresh: canonical(fresh),
  loaded: canonical(loaded),
  queries: input.queries.map((q) => ({ query: q, fresh: results(fresh, q), loaded: results(loaded, q) }))
}));
