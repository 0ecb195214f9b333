/* Shared by both pages: the site's settings, corrections kept in localStorage, document data loading,
   code-point offsets and the gold JSONL export. Plain JavaScript, no dependencies. */
"use strict";
(function () {
  var site = JSON.parse(document.getElementById("site").textContent);
  var prefix = "pressroom-review:" + site.key + ":";
  var waiting = {};

  function storageKey(id) { return prefix + id; }

  var review = {
    site: site,
    index: null,

    indexLoaded: function (data) { review.index = data; },

    documentLoaded: function (number, doc) {
      var resolve = waiting[number];
      delete waiting[number];
      if (resolve) resolve(doc);
    },

    /* A document's data, by its number in the site, through a script element (fetch is refused on file://). */
    loadDocument: function (number) {
      return new Promise(function (resolve, reject) {
        waiting[number] = resolve;
        var script = document.createElement("script");
        script.src = "data/docs/" + number + ".js";
        script.onload = function () { script.remove(); };
        script.onerror = function () {
          delete waiting[number];
          reject(new Error("document " + number + " is not in this site"));
        };
        document.head.appendChild(script);
      });
    },

    saved: function (id) {
      var raw = localStorage.getItem(storageKey(id));
      return raw === null ? null : JSON.parse(raw);
    },
    save: function (id, state) { localStorage.setItem(storageKey(id), JSON.stringify(state)); review.showSaved(); },
    forget: function (id) { localStorage.removeItem(storageKey(id)); review.showSaved(); },
    /* Ids of the documents corrected in this site. */
    savedIds: function () {
      var ids = [];
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key.indexOf(prefix) === 0) ids.push(key.slice(prefix.length));
      }
      return ids;
    },
    showSaved: function () {
      var count = review.savedIds().length;
      var element = document.getElementById("saved-count");
      if (element) element.textContent = count ? count + " corrected document" + (count === 1 ? "" : "s") + " in this browser" : "";
    },

    /* Python indexes strings by code point, JavaScript by UTF-16 unit: offsets[i] is the UTF-16 index of
       code point i, offsets[length] the string's UTF-16 length. */
    utf16Offsets: function (text) {
      var offsets = [0], unit = 0;
      for (var point of text) { unit += point.length; offsets.push(unit); }
      return offsets;
    },
    /* The code point index at a UTF-16 index; inside a surrogate pair it rounds down. */
    codePointAt: function (offsets, unit) {
      var low = 0, high = offsets.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (offsets[middle] <= unit) low = middle; else high = middle - 1;
      }
      return low;
    },
    slice: function (text, offsets, start, end) { return text.slice(offsets[start], offsets[end]); },

    /* A span of the saved state as eval --gold reads it. */
    goldSpan: function (span) {
      var gold = {start: span.start, end: span.end, text: span.text, field: span.field};
      if (span.kind === "date") { gold.value = span.value; gold.type = span.type; }
      else {
        gold.label = span.label;
        if (span.canonical != null) gold.canonical = span.canonical;
        if (span.kb_id != null) gold.kb_id = span.kb_id;
      }
      return gold;
    },
    goldDocument: function (doc, state) {
      var kept = state.spans.filter(function (span) { return span.status !== "rejected"; });
      var gold = {id: doc.id, date: doc.date, title: doc.title, text: doc.text,
                  entities: kept.filter(function (s) { return s.kind === "entity"; }).map(review.goldSpan),
                  dates: kept.filter(function (s) { return s.kind === "date"; }).map(review.goldSpan)};
      if (doc.date === null) delete gold.date;
      return gold;
    },
    /* Every corrected document of this site, in site order, as gold JSONL. */
    exportGold: function () {
      var saved = {};
      review.savedIds().forEach(function (id) { saved[id] = review.saved(id); });
      var ids = Object.keys(saved).sort(function (a, b) { return saved[a].number - saved[b].number; });
      return Promise.all(ids.map(function (id) { return review.loadDocument(saved[id].number); })).then(function (docs) {
        return docs.map(function (doc, i) {
          if (doc.id !== ids[i]) throw new Error("the site was rebuilt: document " + saved[ids[i]].number + " is no longer " + ids[i]);
          return JSON.stringify(review.goldDocument(doc, saved[ids[i]])) + "\n";
        }).join("");
      });
    },
    downloadGold: function () {
      return review.exportGold().then(function (jsonl) {
        if (!jsonl) { alert("No corrected document yet: correct a document or mark it reviewed first."); return; }
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([jsonl], {type: "application/jsonl"}));
        link.download = "gold.jsonl";
        document.body.appendChild(link);
        link.click();
        link.remove();
      }).catch(function (error) { alert("Export failed: " + error.message); });
    },

    colour: function (label) { return site.colours[label] || "#e0e0e0"; },
    paint: function (element, label) { element.style.setProperty("--label-colour", review.colour(label)); },
    isDateLabel: function (label) { return site.dateLabels.indexOf(label) >= 0; },
  };
  window.pressroomReview = review;

  document.addEventListener("DOMContentLoaded", function () {
    review.showSaved();
    document.getElementById("export").addEventListener("click", review.downloadGold);
    document.querySelectorAll("[data-chip]").forEach(function (chip) { review.paint(chip, chip.dataset.chip); });
    document.querySelectorAll(".chip[data-label]").forEach(function (chip) { review.paint(chip, chip.dataset.label); });
  });
})();
