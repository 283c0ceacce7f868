/* newsreader: the article page, enhanced. Everything here also works without this script
   (links, native elements, full page loads); this makes it instant and adds the keyboard:
   - highlight layers switch at once and the URL keeps them (?hide=per,dates);
   - the sidebar becomes tabs (WAI-ARIA tabs), and a bottom drawer on small screens;
   - a link to #fig-…, #t-…, #src-… or #ent-… opens the tab holding it and marks it;
   - the entity card (fetched by htmx) marks its entity's names; Previous/Next step through;
   - Copy link copies to the clipboard; shortcuts j k h 1-4 ? Esc (see the help dialog);
   - the highlights in the text are one Tab stop (a roving tabindex, WAI-ARIA APG "Keyboard
     Navigation Inside Components"): arrow keys, Home and End move among them, j and k step
     through names; skip links jump to the annotations and back.
   Listeners sit on the document, so htmx swaps and history restores need no rebinding. */
(function () {
  "use strict";

  var LAYERS = ["per", "org", "loc", "dates", "figures", "sources"];
  var ENTITY_LAYERS = { PER: "per", ORG: "org", LOC: "loc" };
  var narrow = window.matchMedia("(max-width: 899.98px)");
  var lastOpener = null;
  var currentMark = null;

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function $$(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function reader() {
    return $("[data-reader]");
  }

  /* ---- The URL: ?entity=…&figure=…&hide=a,b, in that order, as the server writes it ---- */

  function readState(search) {
    var params = new URLSearchParams(search);
    var hidden = [];
    params.getAll("hide").forEach(function (value) {
      value.split(",").forEach(function (layer) {
        hidden.push(layer.trim().toLowerCase());
      });
    });
    return {
      entity: params.get("entity") || "",
      figure: params.get("figure") || "",
      hidden: LAYERS.filter(function (layer) { return hidden.indexOf(layer) >= 0; }),
    };
  }

  function writeQuery(state) {
    var parts = [];
    if (state.entity) parts.push("entity=" + encodeURIComponent(state.entity));
    if (state.figure) parts.push("figure=" + encodeURIComponent(state.figure));
    if (state.hidden.length) parts.push("hide=" + state.hidden.join(","));
    return parts.join("&");
  }

  function queryWithHidden(search, hidden) {
    var state = readState(search);
    state.hidden = hidden;
    return writeQuery(state);
  }

  /* A link relative to the article's URL (which ends in a slash), as the server writes it. */
  function withHidden(search, hidden) {
    var query = queryWithHidden(search, hidden);
    return query ? "?" + query : "./";
  }

  function pathWithHidden(search, hidden) {
    var query = queryWithHidden(search, hidden);
    return location.pathname + (query ? "?" + query : "");
  }

  /* ---- Highlight layers ---- */

  function hiddenLayers() {
    return readState(location.search).hidden;
  }

  function toggled(hidden, layer) {
    var wanted = hidden.indexOf(layer) >= 0
      ? hidden.filter(function (l) { return l !== layer; })
      : hidden.concat([layer]);
    return LAYERS.filter(function (l) { return wanted.indexOf(l) >= 0; });
  }

  function setLayers(hidden) {
    var root = reader();
    if (!root) return;
    LAYERS.forEach(function (layer) {
      root.classList.toggle("hide-" + layer, hidden.indexOf(layer) >= 0);
    });
    $$("a[data-layer]").forEach(function (link) {
      var layer = link.getAttribute("data-layer");
      link.setAttribute("aria-checked", String(hidden.indexOf(layer) < 0));
      link.setAttribute("href", withHidden(location.search, toggled(hidden, layer)));
    });
    var all = $("[data-layers-all]");
    if (all) {
      var allHidden = hidden.length === LAYERS.length;
      all.textContent = all.getAttribute(allHidden ? "data-show-label" : "data-hide-label");
      all.setAttribute("href", withHidden(location.search, allHidden ? [] : LAYERS.slice()));
    }
    history.replaceState(history.state, "", pathWithHidden(location.search, hidden) + location.hash);
    // Links that open a card keep the layers, also when opened in a new tab.
    $$("a[hx-get]", root).forEach(function (link) {
      var href = link.getAttribute("href");
      link.setAttribute("href", withHidden(href.charAt(0) === "?" ? href : "", hidden));
    });
  }

  function toggleAllLayers() {
    setLayers(hiddenLayers().length === LAYERS.length ? [] : LAYERS.slice());
  }

  /* ---- Tabs (WAI-ARIA: automatic activation, roving tabindex) ---- */

  function tabs() {
    return $$('[data-tabs] [role="tab"]');
  }

  function panelOf(tab) {
    return document.getElementById(tab.getAttribute("aria-controls"));
  }

  function initTabs() {
    var sidebar = $("[data-tabs]");
    if (!sidebar || sidebar.classList.contains("tabs-ready")) return;
    $('[role="tablist"]', sidebar).hidden = false;
    tabs().forEach(function (tab) {
      var panel = panelOf(tab);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
    });
    sidebar.classList.add("tabs-ready");
    selectTab(tabs()[0], false);
  }

  function selectTab(tab, focus) {
    tabs().forEach(function (each) {
      var on = each === tab;
      each.setAttribute("aria-selected", String(on));
      each.tabIndex = on ? 0 : -1;
      panelOf(each).hidden = !on;
    });
    if (focus) tab.focus();
  }

  function selectedTab() {
    return $('[data-tabs] [role="tab"][aria-selected="true"]');
  }

  function onTabKey(event) {
    var list = tabs();
    var index = list.indexOf(event.target);
    var next = {
      ArrowRight: (index + 1) % list.length,
      ArrowLeft: (index - 1 + list.length) % list.length,
      Home: 0,
      End: list.length - 1,
    }[event.key];
    if (next === undefined) return false;
    selectTab(list[next], true);
    return true;
  }

  /* ---- The drawer (small screens) ---- */

  function drawerButton() {
    return $("[data-drawer-toggle]");
  }

  function initDrawer() {
    var button = drawerButton();
    var root = reader();
    if (!button || !root) return;
    button.hidden = false;
    root.classList.add("drawer-ready");
  }

  function drawerOpen() {
    var button = drawerButton();
    return !!button && button.getAttribute("aria-expanded") === "true";
  }

  function setDrawer(open, focus) {
    var button = drawerButton();
    var sidebar = $("#sidebar");
    if (!button || !sidebar) return;
    button.setAttribute("aria-expanded", String(open));
    sidebar.classList.toggle("is-open", open);
    if (open && focus) (selectedTab() || sidebar).focus();
    if (!open && focus) button.focus();
  }

  /* ---- Fragments: #fig-…, #t-…, #src-…, #ent-…, #s-… ---- */

  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    // A shared link to an annotation editors have since removed: say so, stay on the article.
    var missing = $("[data-missing-fragment]");
    if (missing) missing.hidden = !(id && !target && /^(ent|t|fig|src|d|f)-/.test(id));
    if (!target || target.id === "main") return;
    $$(".is-target").forEach(function (el) { el.classList.remove("is-target"); });
    target.classList.add("is-target");
    var panel = target.closest('[role="tabpanel"]');
    if (panel) {
      selectTab(document.getElementById(panel.getAttribute("aria-labelledby")), false);
      if (narrow.matches && !drawerOpen()) setDrawer(true, false);
    } else if (narrow.matches && drawerOpen() && !target.closest("#sidebar")) {
      setDrawer(false, false);
    }
    var inSidebar = !!target.closest("#sidebar");
    target.scrollIntoView({ block: inSidebar ? (narrow.matches ? "start" : "nearest") : "center" });
  }

  /* ---- The entity card and its marks ---- */

  function openCard() {
    return $("#entity-card .entity-card[data-entity]");
  }

  function syncSelection() {
    var card = openCard();
    var slug = card ? card.getAttribute("data-entity") : "";
    $$(".is-selected[data-entity]").forEach(function (el) { el.classList.remove("is-selected"); });
    $$(".entity-row a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    if (!slug) return;
    $$('[data-entity="' + CSS.escape(slug) + '"]').forEach(function (el) {
      if (el !== card) el.classList.add("is-selected");
    });
    var row = $('.entity-row[data-entity="' + CSS.escape(slug) + '"] a');
    if (row) row.setAttribute("aria-current", "true");
  }

  function afterCardSwap() {
    syncSelection();
    currentMark = null;
    var title = $("#card-title");
    if (title) {
      if (narrow.matches && drawerOpen()) setDrawer(false, false);
      title.focus();
    } else if (lastOpener && document.contains(lastOpener)) {
      lastOpener.focus();
    }
  }

  function markSelector() {
    var card = openCard();
    if (card) {
      return '.article-body mark.ent[data-entity="' + CSS.escape(card.getAttribute("data-entity")) + '"]';
    }
    var hidden = hiddenLayers();
    var shown = Object.keys(ENTITY_LAYERS).filter(function (label) {
      return hidden.indexOf(ENTITY_LAYERS[label]) < 0;
    });
    return shown.map(function (label) {
      return '.article-body mark.ent[data-label="' + label + '"]';
    }).join(",");
  }

  function step(delta) {
    var selector = markSelector();
    var marks = selector ? $$(selector) : [];
    if (!marks.length) return;
    var index = marks.indexOf(currentMark);
    // The card may have been drawn again since the last step (a click on one of its
    // mentions reloads it): go on from the mention still marked current.
    if (index < 0) index = marks.indexOf($(".article-body mark.is-current"));
    if (index < 0) index = delta > 0 ? -1 : marks.length;
    goToMark(marks[(index + delta + marks.length) % marks.length]);
  }

  function markCurrent(mark) {
    $$("mark.is-current").forEach(function (m) { m.classList.remove("is-current"); });
    mark.classList.add("is-current");
  }

  function goToMark(mark) {
    if (!mark) return;
    markCurrent(mark);
    currentMark = mark;
    mark.scrollIntoView({ block: "center" });
    var link = $("a", mark);
    if (link) setRovingStop(link);
    (link || mark).focus({ preventScroll: true });
    if (mark.id) history.replaceState(history.state, "", "#" + mark.id);
    $$(".mention-list a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    var number = mark.id ? $('.mention-list a[data-mark="' + CSS.escape(mark.id) + '"]') : null;
    if (number) number.setAttribute("aria-current", "true");
  }

  function closeCard() {
    var close = $("#entity-card [data-card-close]");
    if (close) close.click();
    return !!close;
  }

  /* ---- The highlights: one Tab stop, arrows inside (roving tabindex) ---- */

  function highlightLinks() {
    return $$(".article-body mark > a");
  }

  function setRovingStop(link) {
    highlightLinks().forEach(function (each) { each.tabIndex = each === link ? 0 : -1; });
  }

  function initRoving() {
    var links = highlightLinks();
    var current = links.filter(function (link) { return link.tabIndex === 0; });
    setRovingStop(current.length === 1 ? current[0] : links[0]);
  }

  function onHighlightKey(event) {
    var links = highlightLinks();
    var index = links.indexOf(event.target);
    var next = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: links.length - 1,
    }[event.key];
    if (index < 0 || next === undefined) return false;
    var link = links[Math.max(0, Math.min(links.length - 1, next))];
    setRovingStop(link);
    link.focus();
    return true;
  }

  /* ---- Skip links: to the annotations and back to the text ---- */

  function skipTo(link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    if (target.id === "sidebar") {
      if (narrow.matches) setDrawer(true, false);
      target = selectedTab() || target;
    }
    if (!target.hasAttribute("tabindex") && !target.matches("a, button")) target.tabIndex = -1;
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }

  /* ---- Copy link ---- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  function copyLink(link) {
    var status = $("#reader-status");
    var label = $(".copy-label", link);
    copyText(link.href).then(function (copied) {
      var word = status && status.getAttribute(copied ? "data-copied" : "data-copy-failed");
      if (status) status.textContent = word || "";
      link.classList.toggle("is-copied", copied);
      if (label && copied) {
        var before = label.getAttribute("data-label") || label.textContent;
        label.setAttribute("data-label", before);
        label.textContent = link.getAttribute("data-copied-label") || before;
        window.setTimeout(function () {
          label.textContent = before;
          link.classList.remove("is-copied");
        }, 2000);
      }
    });
  }

  /* ---- Help ---- */

  function helpDialog() {
    return $("#help-dialog");
  }

  function openHelp() {
    var dialog = helpDialog();
    if (dialog && !dialog.open) dialog.showModal();
  }

  /* ---- Events ---- */

  function isTyping(element) {
    return !!element && (element.isContentEditable ||
      !!element.closest("input, textarea, select, [contenteditable]"));
  }

  function onClick(event) {
    var link = event.target.closest("a, button");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (link.matches("a[data-layer]")) {
      event.preventDefault();
      setLayers(toggled(hiddenLayers(), link.getAttribute("data-layer")));
    } else if (link.matches("a[data-layers-all]")) {
      event.preventDefault();
      toggleAllLayers();
    } else if (link.matches('[role="tab"]')) {
      selectTab(link, true);
    } else if (link.matches("[data-drawer-toggle]")) {
      setDrawer(!drawerOpen(), true);
    } else if (link.matches("a[data-step]")) {
      event.preventDefault();
      step(Number(link.getAttribute("data-step")));
    } else if (link.matches("a[data-mark]")) {
      event.preventDefault();
      goToMark(document.getElementById(link.getAttribute("data-mark")));
    } else if (link.matches("a[data-skip]")) {
      event.preventDefault();
      skipTo(link);
    } else if (link.matches("a[data-copy]")) {
      event.preventDefault();
      copyLink(link);
    } else if (link.matches("[data-help-open]")) {
      openHelp();
    } else if (link.matches("[data-help-close]")) {
      helpDialog().close();
    } else if (link.matches("a[hx-get]:not([data-card-close])")) {
      lastOpener = link;
      // A mention clicked in the text is where Next and Previous go on from.
      var mark = link.closest(".article-body mark.ent");
      if (mark) markCurrent(mark);
    } else if (link.matches('a[href^="#"]')) {
      // The same fragment clicked twice fires no hashchange; reveal it anyway.
      window.setTimeout(revealTarget, 0);
    }
  }

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches && event.target.matches('[role="tab"]') && onTabKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.target.matches && event.target.matches(".article-body mark > a") &&
        onHighlightKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === " " && event.target.matches && event.target.matches('a[role="switch"]')) {
      event.preventDefault();
      event.target.click();
      return;
    }
    var dialog = helpDialog();
    if (isTyping(event.target) || (dialog && dialog.open)) return;
    if (handleShortcut(event.key)) event.preventDefault();
  }

  function handleShortcut(key) {
    if (key === "j" || key === "k") {
      step(key === "j" ? 1 : -1);
    } else if (key === "h") {
      toggleAllLayers();
    } else if (/^[1-4]$/.test(key) && tabs().length) {
      if (narrow.matches) setDrawer(true, false);
      selectTab(tabs()[Number(key) - 1], true);
    } else if (key === "?") {
      openHelp();
    } else if (key === "Escape") {
      if (drawerOpen()) setDrawer(false, true);
      else return closeCard();
    } else {
      return false;
    }
    return true;
  }

  function onConfigRequest(event) {
    // A card link may hold the layers of the page's first load; send the current ones.
    if (!event.detail.target || event.detail.target.id !== "entity-card") return;
    var path = event.detail.path;
    var at = path.indexOf("?");
    var search = at < 0 ? "" : path.slice(at);
    event.detail.path = pathWithHidden(search, hiddenLayers());
  }

  function init() {
    if (!reader()) return;
    initTabs();
    initDrawer();
    initRoving();
    $$("[data-help-open]").forEach(function (button) { button.hidden = false; });
    syncSelection();
    revealTarget();
  }

  document.addEventListener("click", onClick);
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".article-body mark > a")) {
      setRovingStop(event.target);
    }
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", revealTarget);
  document.addEventListener("htmx:configRequest", onConfigRequest);
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "entity-card") afterCardSwap();
  });
  document.addEventListener("htmx:historyRestore", init);
  init();
})();
