/* The document view: spans drawn in the title and text, a side list, and the corrections. Offsets are kept in
   code points, as in Pressroom's output; the browser's UTF-16 indices are converted where text is selected. */
"use strict";
(function () {
  var review = window.pressroomReview;
  var site = review.site;
  var number = parseInt(new URLSearchParams(location.search).get("n"), 10);
  var doc = null, spans = [], reviewed = false, selected = -1, pendingSelection = null;
  var fieldTexts = {}, fieldOffsets = {}, crossing = new Set();
  var shortcutLabels = site.entityLabels.slice(0, 9);

  function $(id) { return document.getElementById(id); }

  function fromOutput(kind, span) {
    var state = {kind: kind, field: span.field, start: span.start, end: span.end, text: span.text, status: "pending",
                 added: false};
    if (kind === "date") { state.label = span.type; state.value = span.value; state.type = span.type; }
    else { state.label = span.label; state.canonical = span.canonical; state.kb_id = span.kb_id; }
    state.original = {kind: kind, start: span.start, end: span.end, text: span.text, label: state.label,
                      value: state.value, type: state.type};
    return state;
  }

  function initialSpans() {
    return doc.entities.map(function (s) { return fromOutput("entity", s); })
      .concat(doc.dates.map(function (s) { return fromOutput("date", s); }));
  }

  function save() {
    review.save(doc.id, {number: number, reviewed: reviewed, spans: spans});
    showStatus();
  }

  function showStatus() {
    var changes = spans.filter(function (s) { return s.status !== "pending"; }).length;
    var saved = review.saved(doc.id);
    $("status").textContent = saved ? (reviewed ? "reviewed" : "corrected") + ", " + changes + " span" +
      (changes === 1 ? "" : "s") + " checked · saved in this browser" : "not corrected yet";
  }

  /* ---- drawing ---- */

  function sliceOf(field, start, end) { return review.slice(fieldTexts[field], fieldOffsets[field], start, end); }

  function drawField(field) {
    var container = $("field-" + field);
    var order = spans.map(function (span, i) { return i; }).filter(function (i) { return spans[i].field === field; });
    order.sort(function (a, b) {
      var x = spans[a], y = spans[b];
      return x.start - y.start || y.end - x.end || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : a - b);
    });
    // Spans nest when one contains another; one that crosses an open span's end cannot be an element whose
    // text is exactly its own, so it is only listed.
    var root = {index: -1, start: 0, end: Infinity, children: []}, open = [root];
    order.forEach(function (i) {
      var span = spans[i];
      while (open.length > 1 && open[open.length - 1].end <= span.start) open.pop();
      var parent = open[open.length - 1];
      if (span.end > parent.end) { crossing.add(i); return; }
      var node = {index: i, start: span.start, end: span.end, children: []};
      parent.children.push(node);
      open.push(node);
    });
    var fragment = document.createDocumentFragment();
    emit(fragment, root, field, 0, Array.from(fieldTexts[field]).length);
    container.replaceChildren(fragment);
  }

  function emit(parent, node, field, from, to) {
    var cursor = from;
    node.children.forEach(function (child) {
      if (child.start > cursor) parent.appendChild(document.createTextNode(sliceOf(field, cursor, child.start)));
      var span = spans[child.index], mark = document.createElement("mark");
      mark.className = "span" + (child.index === selected ? " selected" : "");
      mark.dataset.kind = span.kind;
      mark.dataset.label = span.label;
      mark.dataset.start = String(span.start);
      mark.dataset.end = String(span.end);
      mark.dataset.field = span.field;
      mark.dataset.i = String(child.index);
      mark.dataset.status = span.status;
      if (span.kind === "date") {
        mark.dataset.value = span.value;
        mark.title = "TIMEX3 " + span.type + " value: " + span.value;
      } else {
        mark.title = span.label + (span.canonical ? ": " + span.canonical : "") + (span.kb_id ? " (" + span.kb_id + ")" : "");
      }
      review.paint(mark, span.label);
      emit(mark, child, field, child.start, child.end);
      parent.appendChild(mark);
      cursor = Math.max(cursor, child.end);
    });
    if (to > cursor) parent.appendChild(document.createTextNode(sliceOf(field, cursor, to)));
  }

  function drawLegend() {
    var legend = $("legend");
    legend.replaceChildren();
    var counts = {};
    spans.forEach(function (s) { if (s.status !== "rejected") counts[s.label] = (counts[s.label] || 0) + 1; });
    var labels = site.entityLabels.concat(site.dateLabels.filter(function (l) { return site.entityLabels.indexOf(l) < 0; }));
    labels.forEach(function (label) {
      var shortcut = shortcutLabels.indexOf(label);
      if (shortcut < 0 && !counts[label]) return;
      var chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.dataset.chip = label;
      if (shortcut >= 0) chip.appendChild(Object.assign(document.createElement("kbd"), {textContent: String(shortcut + 1)}));
      chip.appendChild(document.createTextNode(label));
      chip.appendChild(Object.assign(document.createElement("span"), {className: "count", textContent: "×" + (counts[label] || 0)}));
      chip.title = review.isDateLabel(label) ? "date spans (TIMEX3 " + label + "); hover a date for its value"
        : "relabel the selected span, or add the selected text, as " + label;
      review.paint(chip, label);
      if (!review.isDateLabel(label)) chip.addEventListener("click", function () { labelAction(label); });
      legend.appendChild(chip);
    });
  }

  function button(text, title, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.title = title;
    element.addEventListener("click", function (event) { event.stopPropagation(); action(); });
    return element;
  }

  function drawList() {
    var list = $("span-list");
    list.replaceChildren();
    var order = spans.map(function (s, i) { return i; });
    order.sort(function (a, b) {
      var x = spans[a], y = spans[b];
      return (x.field === y.field ? 0 : x.field === "title" ? -1 : 1) || x.start - y.start || x.end - y.end;
    });
    order.forEach(function (i) {
      var span = spans[i], item = document.createElement("li");
      item.dataset.i = String(i);
      item.className = "status-" + span.status + (i === selected ? " selected" : "");
      var label;
      if (span.kind === "entity") {
        label = document.createElement("select");
        site.entityLabels.concat(site.entityLabels.indexOf(span.label) < 0 ? [span.label] : []).forEach(function (l) {
          var option = new Option(l, l, false, l === span.label);
          label.add(option);
        });
        label.addEventListener("change", function () { select(i); relabel(label.value); });
      } else {
        label = document.createElement("span");
        label.textContent = span.type;
      }
      label.classList.add("chip");
      review.paint(label, span.label);
      item.appendChild(label);
      var text = document.createElement("q");
      text.textContent = span.text;
      text.title = span.text + (span.canonical ? " → " + span.canonical : "");
      item.appendChild(text);
      if (span.field === "title") item.appendChild(Object.assign(document.createElement("small"), {textContent: " title"}));
      if (span.kind === "date") {
        var value = document.createElement("input");
        value.className = "value";
        value.value = span.value;
        value.placeholder = "TIMEX3 value, e.g. 2022-11-03";
        value.title = "TIMEX3 value (v to edit, Enter to keep)";
        // Selecting redraws the list: focus the new input of the same span.
        value.addEventListener("focus", function () { if (selected !== i) { select(i, true); focusValue(); } });
        value.addEventListener("change", function () { setValue(i, value.value.trim()); });
        item.appendChild(value);
      }
      if (crossing.has(i)) item.appendChild(Object.assign(document.createElement("small"),
        {className: "warning", textContent: " crosses another span: listed only"}));
      var actions = document.createElement("span");
      actions.className = "actions";
      actions.appendChild(button("✓", "accept (a)", function () { select(i); accept(); }));
      actions.appendChild(button("✗", "reject (x)", function () { select(i); reject(); }));
      actions.appendChild(button("↺", "as the pipeline found it (u)", function () { select(i); restore(); }));
      if (i === selected) {
        actions.appendChild(button("◂[", "start one character left ([)", function () { move("start", -1); }));
        actions.appendChild(button("[▸", "start one character right (])", function () { move("start", 1); }));
        actions.appendChild(button("◂]", "end one character left (Shift+←)", function () { move("end", -1); }));
        actions.appendChild(button("]▸", "end one character right (Shift+→)", function () { move("end", 1); }));
      }
      item.appendChild(actions);
      item.addEventListener("click", function () { select(i); });
      list.appendChild(item);
    });
  }

  function draw() {
    crossing = new Set();
    drawField("title");
    drawField("text");
    drawLegend();
    drawList();
    showStatus();
  }

  /* ---- corrections ---- */

  function current() { return selected >= 0 ? spans[selected] : null; }

  function changed() { reviewed = reviewed && spans.every(function (s) { return s.status !== "pending"; }); save(); draw(); }

  function select(i, keepFocus) {
    selected = i;
    draw();
    if (i < 0) return;
    var mark = document.querySelector('mark.span[data-i="' + i + '"]');
    var item = document.querySelector('#span-list li[data-i="' + i + '"]');
    if (mark) mark.scrollIntoView({block: "nearest"});
    if (item) item.scrollIntoView({block: "nearest"});
    if (!keepFocus && document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  }

  function accept() { var s = current(); if (s) { s.status = "accepted"; changed(); } }
  function reject() { var s = current(); if (s) { s.status = s.status === "rejected" ? "accepted" : "rejected"; changed(); } }
  function restore() {
    var s = current();
    if (!s) return;
    if (s.added) { spans.splice(selected, 1); selected = -1; changed(); return; }
    Object.assign(s, s.original, {status: "pending"});
    changed();
  }
  function relabel(label) {
    var s = current();
    if (!s) return;
    if (s.kind === "date") { s.kind = "entity"; delete s.value; delete s.type; }
    s.label = label;
    s.status = "accepted";
    changed();
  }
  function toDate() {
    var s = current();
    if (!s || s.kind === "date") return;
    s.kind = "date"; s.label = "DATE"; s.type = "DATE"; s.value = "";
    delete s.canonical; delete s.kb_id;
    s.status = "accepted";
    changed();
    focusValue();
  }
  function setValue(i, value) {
    spans[i].value = value;
    spans[i].status = "accepted";
    changed();
  }
  function setExtent(s, start, end) {
    var length = fieldOffsets[s.field].length - 1;
    if (start < 0 || end > length || start >= end) return;
    s.start = start; s.end = end;
    s.text = sliceOf(s.field, start, end);
    s.status = "accepted";
    changed();
  }
  function move(edge, delta) {
    var s = current();
    if (s) setExtent(s, s.start + (edge === "start" ? delta : 0), s.end + (edge === "end" ? delta : 0));
  }
  function resizeToSelection() {
    var s = current(), range = takeSelection();
    if (!s || !range) return;
    if (range.field !== s.field) { alert("Select text in the same field (title or text) as the span."); return; }
    setExtent(s, range.start, range.end);
  }
  function add(kind, label) {
    var range = takeSelection();
    if (!range) return false;
    var span = {kind: kind, field: range.field, start: range.start, end: range.end,
                text: sliceOf(range.field, range.start, range.end), label: label, status: "accepted", added: true};
    if (kind === "date") { span.type = label; span.value = ""; }
    spans.push(span);
    selected = spans.length - 1;
    changed();
    if (kind === "date") focusValue();
    return true;
  }
  function labelAction(label) { if (!add("entity", label)) relabel(label); }
  function focusValue() {
    var input = document.querySelector('#span-list li[data-i="' + selected + '"] input.value');
    if (input) { input.focus(); input.select(); }
  }
  function markReviewed() {
    spans.forEach(function (s) { if (s.status === "pending") s.status = "accepted"; });
    reviewed = true;
    save();
    draw();
  }

  /* ---- selecting text ---- */

  /* The selected text as code-point offsets in one field, trimmed of white space; null if there is none. */
  function selectedRange() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var node = range.startContainer, element = node.nodeType === 1 ? node : node.parentElement;
    var container = element && element.closest(".field");
    if (!container || !container.contains(range.endContainer)) return null;
    var field = container.dataset.field, offsets = fieldOffsets[field];
    function unitsBefore(node, offset) {
      var before = document.createRange();
      before.setStart(container, 0);
      before.setEnd(node, offset);
      return before.toString().length;
    }
    var start = review.codePointAt(offsets, unitsBefore(range.startContainer, range.startOffset));
    var endUnit = unitsBefore(range.endContainer, range.endOffset);
    var end = review.codePointAt(offsets, endUnit);
    if (offsets[end] < endUnit) end++;  // the selection ends inside a surrogate pair: take the whole character
    var points = Array.from(fieldTexts[field]);
    while (start < end && /\s/.test(points[start])) start++;
    while (end > start && /\s/.test(points[end - 1])) end--;
    return start < end ? {field: field, start: start, end: end} : null;
  }
  function takeSelection() {
    var range = pendingSelection || selectedRange();
    pendingSelection = null;
    window.getSelection().removeAllRanges();
    $("selection-bar").hidden = true;
    return range;
  }

  function showSelectionBar() {
    var range = selectedRange(), bar = $("selection-bar");
    pendingSelection = range;
    if (!range) { bar.hidden = true; return; }
    bar.replaceChildren();
    bar.appendChild(Object.assign(document.createElement("span"), {textContent: "Add as "}));
    shortcutLabels.forEach(function (label, k) {
      var chip = button(label, "add as " + label + " (" + (k + 1) + ")", function () { add("entity", label); });
      chip.prepend(Object.assign(document.createElement("kbd"), {textContent: String(k + 1)}));
      chip.className = "chip";
      review.paint(chip, label);
      bar.appendChild(chip);
    });
    var date = button("DATE", "add as a date (d)", function () { add("date", "DATE"); });
    date.prepend(Object.assign(document.createElement("kbd"), {textContent: "d"}));
    date.className = "chip";
    review.paint(date, "DATE");
    bar.appendChild(date);
    if (current()) bar.appendChild(button("r resize", "resize the selected span to this text (r)", resizeToSelection));
    var box = window.getSelection().getRangeAt(0).getBoundingClientRect();
    bar.style.left = Math.max(8, box.left + window.scrollX) + "px";
    bar.style.top = box.bottom + window.scrollY + 6 + "px";
    bar.hidden = false;
  }

  /* ---- events ---- */

  function goTo(other) { if (other >= 0 && other < site.count) location.href = "doc.html?n=" + other; }

  function step(delta) {
    var order = Array.from(document.querySelectorAll("#span-list li")).map(function (li) { return Number(li.dataset.i); });
    if (!order.length) return;
    var at = order.indexOf(selected);
    select(order[at < 0 ? (delta > 0 ? 0 : order.length - 1) : (at + delta + order.length) % order.length]);
  }

  function onKey(event) {
    var target = event.target;
    if (target.matches && target.matches("input, select, textarea")) {
      if (event.key === "Escape" || (event.key === "Enter" && target.matches("input.value"))) {
        if (event.key === "Enter") target.dispatchEvent(new Event("change"));
        target.blur();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key, handled = true;
    if (key === "ArrowLeft" && event.shiftKey) move("end", -1);
    else if (key === "ArrowRight" && event.shiftKey) move("end", 1);
    else if (key === "j") step(1);
    else if (key === "k") step(-1);
    else if (key === "a") accept();
    else if (key === "x" || key === "Delete" || key === "Backspace") reject();
    else if (key === "u") restore();
    else if (key >= "1" && key <= "9" && shortcutLabels[Number(key) - 1]) labelAction(shortcutLabels[Number(key) - 1]);
    else if (key === "d") { if (!add("date", "DATE")) toDate(); }
    else if (key === "v") focusValue();
    else if (key === "r") resizeToSelection();
    else if (key === "[") move("start", -1);
    else if (key === "]") move("start", 1);
    else if (key === "m") markReviewed();
    else if (key === "n") goTo(number + 1);
    else if (key === "p") goTo(number - 1);
    else if (key === "e") review.downloadGold();
    else if (key === "?") $("help").hidden = !$("help").hidden;
    else if (key === "Escape") { $("help").hidden = true; $("selection-bar").hidden = true; select(-1); }
    else handled = false;
    // Also keeps "v" out of the value input it focuses.
    if (handled) event.preventDefault();
  }

  function start(loaded) {
    doc = loaded;
    fieldTexts = {title: doc.title, text: doc.text};
    fieldOffsets = {title: review.utf16Offsets(doc.title), text: review.utf16Offsets(doc.text)};
    var saved = review.saved(doc.id);
    if (saved && saved.number === number) { spans = saved.spans; reviewed = saved.reviewed; }
    else spans = initialSpans();
    document.title = (doc.title || doc.id) + " · Pressroom review";
    $("doc-id").textContent = doc.id;
    $("doc-date").textContent = doc.date || "undated";
    $("position").textContent = "document " + (number + 1) + " of " + site.count;
    $("prev-doc").href = number > 0 ? "doc.html?n=" + (number - 1) : "#";
    $("next-doc").href = number + 1 < site.count ? "doc.html?n=" + (number + 1) : "#";
    draw();
    document.addEventListener("keydown", onKey);
    document.addEventListener("mouseup", function (event) {
      if (event.target.closest && event.target.closest("#selection-bar")) return;
      setTimeout(showSelectionBar, 0);
    });
    document.querySelectorAll(".field").forEach(function (field) {
      field.addEventListener("click", function (event) {
        var mark = event.target.closest("mark.span");
        if (mark && window.getSelection().isCollapsed) select(Number(mark.dataset.i));
      });
    });
    $("reviewed").addEventListener("click", markReviewed);
    $("reset").addEventListener("click", function () {
      review.forget(doc.id);
      spans = initialSpans(); reviewed = false; selected = -1;
      draw();
    });
    $("help-toggle").addEventListener("click", function () { $("help").hidden = !$("help").hidden; });
    review.readyMs = performance.now();
    document.body.dataset.ready = "1";
  }

  if (!(number >= 0 && number < site.count)) {
    $("field-title").textContent = "No such document";
    $("field-text").textContent = "Open a document from the index.";
  } else {
    review.loadDocument(number).then(start, function (error) { $("field-title").textContent = error.message; });
  }
})();
