/* The index: filters, search and paging over the documents listed in data/index.js. */
"use strict";
(function () {
  var review = window.pressroomReview;
  var site = review.site;
  var PAGE_SIZE = 50;
  var ID = 0, TITLE = 1, DATE = 2, LABELS = 3, NAMES = 4, ENTITIES = 5, DATES = 6;
  var docs = review.index.docs;
  var names = review.index.names.map(function (name) { return name.toLowerCase(); });
  var haystacks = docs.map(function (doc) { return (doc[ID] + "\n" + doc[TITLE]).toLowerCase(); });
  var byDate = docs.map(function (_, i) { return i; }).sort(function (a, b) {
    var x = docs[a][DATE], y = docs[b][DATE];
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  var controls = {};
  ["q", "label", "from", "to", "sort"].forEach(function (name) { controls[name] = document.getElementById(name); });
  var state = {page: 0, matches: []};

  /* #doc=ID (links from eval reports) opens that document. */
  function openLinkedDocument() {
    var params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("doc")) return false;
    var id = params.get("doc");
    for (var i = 0; i < docs.length; i++) {
      if (docs[i][ID] === id) { location.replace("doc.html?n=" + i); return true; }
    }
    document.getElementById("result-count").textContent = "No document " + JSON.stringify(id) + " in this site.";
    return false;
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    Object.keys(controls).forEach(function (name) { if (params.has(name)) controls[name].value = params.get(name); });
    state.page = Math.max(0, parseInt(params.get("page") || "0", 10) || 0);
  }
  function writeHash() {
    var params = new URLSearchParams();
    Object.keys(controls).forEach(function (name) {
      var value = controls[name].value;
      if (value && !(name === "sort" && value === "desc")) params.set(name, value);
    });
    if (state.page) params.set("page", String(state.page));
    history.replaceState(null, "", "#" + params.toString());
  }

  function filter() {
    var query = controls.q.value.trim().toLowerCase();
    var label = site.labels.indexOf(controls.label.value);
    var from = controls.from.value, to = controls.to.value;
    var namesMatching = null;
    if (query) {
      namesMatching = new Set();
      for (var n = 0; n < names.length; n++) if (names[n].indexOf(query) >= 0) namesMatching.add(n);
    }
    var order = controls.sort.value === "input" ? docs.map(function (_, i) { return i; })
      : controls.sort.value === "asc" ? byDate : byDate.slice().reverse();
    return order.filter(function (i) {
      var doc = docs[i];
      if (label >= 0 && doc[LABELS].indexOf(label) < 0) return false;
      if ((from || to) && !doc[DATE]) return false;
      if (from && doc[DATE] < from) return false;
      if (to && doc[DATE] > to) return false;
      if (namesMatching && haystacks[i].indexOf(query) < 0 &&
          !doc[NAMES].some(function (name) { return namesMatching.has(name); })) return false;
      return true;
    });
  }

  function cell(row, text, className) {
    var td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function render() {
    var matches = state.matches, pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var body = document.getElementById("rows");
    var fresh = document.createElement("tbody");
    fresh.id = "rows";
    matches.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).forEach(function (i) {
      var doc = docs[i], row = fresh.insertRow();
      row.dataset.id = doc[ID];
      row.dataset.date = doc[DATE];
      cell(row, doc[DATE] || "undated", "date");
      var link = document.createElement("a");
      link.href = "doc.html?n=" + i;
      link.textContent = doc[TITLE] || "(untitled)";
      row.insertCell().appendChild(link);
      cell(row, doc[ID], "id");
      cell(row, String(doc[ENTITIES]), "num");
      cell(row, String(doc[DATES]), "num");
      var saved = review.saved(doc[ID]);
      cell(row, saved ? (saved.reviewed ? "reviewed" : "corrected") : "", "mark");
    });
    body.replaceWith(fresh);
    document.getElementById("result-count").textContent =
      matches.length + " of " + docs.length + " documents";
    document.getElementById("page").textContent = "page " + (state.page + 1) + " of " + pages;
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
  }

  /* Filter and render now; timings go to window.pressroomReview.lastFilterMs for benchmarks. */
  function update(resetPage) {
    var started = performance.now();
    if (resetPage) state.page = 0;
    state.matches = filter();
    render();
    writeHash();
    review.lastFilterMs = performance.now() - started;
    review.updates = (review.updates || 0) + 1;
    document.body.dataset.filtered = String(state.matches.length);
  }

  var timer = null;
  controls.q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 120);
  });
  ["label", "from", "to", "sort"].forEach(function (name) {
    controls[name].addEventListener("change", function () { update(true); });
  });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  document.getElementById("clear").addEventListener("click", function () {
    Object.keys(controls).forEach(function (name) { controls[name].value = name === "sort" ? "desc" : ""; });
    update(true);
  });
  document.getElementById("prev").addEventListener("click", function () { state.page--; update(false); });
  document.getElementById("next").addEventListener("click", function () { state.page++; update(false); });
  document.querySelectorAll("#chart .bar").forEach(function (bar) {
    bar.addEventListener("click", function () {
      controls.from.value = bar.dataset.from;
      controls.to.value = bar.dataset.to;
      update(true);
    });
  });
  document.querySelectorAll(".filter-label").forEach(function (button) {
    button.addEventListener("click", function () { controls.label.value = button.dataset.label; update(true); });
  });
  document.querySelectorAll(".search-entity").forEach(function (button) {
    button.addEventListener("click", function () { controls.q.value = button.dataset.name; update(true); });
  });
  window.addEventListener("hashchange", function () { if (!openLinkedDocument()) { readHash(); update(false); } });

  if (!openLinkedDocument()) {
    readHash();
    update(false);
    review.readyMs = performance.now();  // since the navigation started: the benchmark's load time
    document.body.dataset.ready = "1";
  }
})();
