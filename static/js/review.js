/* newsreader review mode (articles/review.html). Without this script every control still
   works: forms post and the server answers with the page; offsets are typed by hand.
   With it: selecting words in the article fills the "Add from a selection" forms with their
   offsets in the stored text (the server checks them against the text), and after an htmx
   answer the focus goes to the review card, so keyboard users keep their place. */
(function () {
  "use strict";

  function $$(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* Characters of the article's text from the start of `block` to (node, offset): the words
     screen readers hear around marks ("person:", "end") are not in the text, so skip them. */
  function offsetIn(block, node, offset) {
    var range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(node, offset);
    var copy = range.cloneContents();
    $$(".visually-hidden", copy).forEach(function (hidden) { hidden.remove(); });
    return copy.textContent.length;
  }

  function blockOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest(".review-mode .article-body [data-start]");
  }

  function onSelection() {
    var selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var block = blockOf(range.startContainer);
    if (!block || blockOf(range.endContainer) !== block) return;
    var base = Number(block.getAttribute("data-start"));
    var start = base + offsetIn(block, range.startContainer, range.startOffset);
    var end = base + offsetIn(block, range.endContainer, range.endOffset);
    var words = selection.toString();
    $$("[data-selection-start]").forEach(function (input) { input.value = start; });
    $$("[data-selection-end]").forEach(function (input) { input.value = end; });
    $$("[data-selection-name]").forEach(function (input) { input.value = words.trim(); });
    $$("[data-selection-text]").forEach(function (shown) { shown.textContent = "“" + words.trim() + "”"; });
  }

  var pending = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(onSelection, 150);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || (target.id !== "reader" && target.id !== "review-card")) return;
    if (target.id === "reader") {
      // The sidebar was replaced: let the reader script set its tabs up again.
      document.dispatchEvent(new CustomEvent("htmx:historyRestore"));
    }
    var status = document.querySelector(".review-error, .review-status:not(:empty)");
    var title = document.getElementById("card-title");
    var focus = status || title;
    if (focus) {
      if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  });
})();
