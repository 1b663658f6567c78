/* Filter box for the directories: progressive enhancement.
 * Without JavaScript the full list shows; with it, a labelled search field
 * appears above each directory. Entries carry "kb-filter-item", groups
 * "kb-filter-group" (with a "kb-filter-label"). No external code. */
(function () {
  "use strict";

  function matches(element, query) {
    return element.textContent.toLocaleLowerCase("nl").includes(query);
  }

  function setUp(box, number) {
    var id = "kb-filter-" + number;
    var wrapper = document.createElement("div");
    wrapper.className = "kb-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Zoek in deze lijst";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "kb-filter-status";
    status.setAttribute("role", "status");
    wrapper.append(label, input, status);
    box.parentNode.insertBefore(wrapper, box);

    var items = box.querySelectorAll(".kb-filter-item");
    var groups = box.querySelectorAll(".kb-filter-group");

    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase("nl");
      var shown = 0;
      groups.forEach(function (group) {
        var label = group.querySelector(".kb-filter-label");
        group.dataset.labelMatch = query && label && matches(label, query) ? "1" : "";
      });
      items.forEach(function (item) {
        var group = item.closest(".kb-filter-group");
        var hit = !query || matches(item, query) || (group && group.dataset.labelMatch === "1");
        item.hidden = !hit;
        if (hit) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = Boolean(query) && !group.querySelector(".kb-filter-item:not([hidden])");
      });
      status.textContent = query ? shown + (shown === 1 ? " resultaat" : " resultaten") : "";
    });
  }

  /* Furo opens its menus with <label>s for hidden checkboxes, which a keyboard
   * cannot reach. Make them buttons: focusable, Enter/Space, aria-expanded,
   * Escape to close. Their Dutch names are in the page template already. */
  function keyboardMenus() {
    document.querySelectorAll("label.nav-overlay-icon, label.toc-overlay-icon").forEach(function (label) {
      var box = document.getElementById(label.htmlFor);
      if (!box) return;
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      label.setAttribute("aria-expanded", String(box.checked));
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          box.click();
        }
      });
      box.addEventListener("change", function () {
        label.setAttribute("aria-expanded", String(box.checked));
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      ["__navigation", "__toc"].forEach(function (id) {
        var box = document.getElementById(id);
        if (box && box.checked) box.click();
      });
    });
  }

  /* A table wider than the screen scrolls in its wrapper (focusable and named in the HTML).
   * Say so above it, while it is wider, and tie the hint to the wrapper for screen readers. */
  var HINT = "Deze tabel is breder dan het scherm: schuif hem opzij (of gebruik de pijltjestoetsen) om alles te zien.";

  function scrollHints() {
    var wrappers = document.querySelectorAll("article .table-wrapper");
    function update() {
      wrappers.forEach(function (wrapper, number) {
        var wide = wrapper.scrollWidth > wrapper.clientWidth + 1;
        var hint = wrapper.previousElementSibling;
        var has = hint && hint.classList.contains("kb-schuifhint");
        if (wide && !has) {
          hint = document.createElement("p");
          hint.className = "kb-schuifhint";
          hint.id = "kb-schuifhint-" + number;
          hint.textContent = HINT;
          wrapper.parentNode.insertBefore(hint, wrapper);
          wrapper.setAttribute("aria-describedby", hint.id);
        } else if (!wide && has) {
          hint.remove();
          wrapper.removeAttribute("aria-describedby");
        }
      });
    }
    update();
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        update();
      });
    });
  }

  /* Pagefind's engine and its WebAssembly (most of what a first search downloads) fetched
   * for the search page while a member types in a page's search field: on a slow phone they
   * would otherwise be most of the wait after Enter. With them the search page's script, so
   * that it asks for the query's index chunks as soon as the page arrives. Only then, so that
   * reading a page costs nothing extra. The search button names them
   * (kennisbank.sphinx_ext.search). */
  function searchEngineAhead() {
    var button = document.querySelector(".kb-zoekknop[data-zoekmachine]");
    var fields = document.querySelectorAll("form.sidebar-search-container input");
    if (!button || !fields.length) return;
    function fetchAhead(address, crossOrigin) {
      var link = document.createElement("link");
      link.rel = "prefetch";
      if (crossOrigin) link.crossOrigin = "anonymous"; /* as the search page asks for them */
      link.href = address;
      document.head.append(link);
    }
    function fetchAllAhead() {
      fields.forEach(function (field) { field.removeEventListener("focus", fetchAllAhead); });
      button.dataset.zoekmachine.split(" ").forEach(function (address) { fetchAhead(address, true); });
      if (button.dataset.zoekscript) fetchAhead(button.dataset.zoekscript, false);
    }
    fields.forEach(function (field) { field.addEventListener("focus", fetchAllAhead); });
  }

  /* A button beside a feed's address (sphinx_ext/news.py) that copies it, and says so. Where
   * the browser refuses (no clipboard), the address is selected for the member to copy. */
  function copyButtons() {
    document.querySelectorAll("code.kb-feed-adres").forEach(function (address) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-kopieer";
      button.textContent = "Kopieer het adres";
      var said = document.createElement("span");
      said.className = "kb-kopieer-status";
      said.setAttribute("role", "status");
      var line = document.createElement("span");
      line.className = "kb-kopieer-regel";
      line.append(button, " ", said);
      address.after(line);
      button.addEventListener("click", function () {
        var text = address.textContent.trim();
        var copied = navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject();
        copied.then(
          function () { said.textContent = "Het adres is gekopieerd."; },
          function () {
            window.getSelection().selectAllChildren(address);
            said.textContent = "Kopiëren lukte niet: het adres is geselecteerd, kopieer het zelf.";
          }
        );
      });
    });
  }

  function start() {
    document.querySelectorAll(".kb-filterbaar").forEach(setUp);
    copyButtons();
    keyboardMenus();
    scrollHints();
    searchEngineAhead();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
