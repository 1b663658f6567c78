/* The members' search page (search.html): Pagefind's JavaScript API behind our own
 * Dutch interface (kennisbank.sphinx_ext.search writes the page, writers/pagefind.py
 * the index). The address holds the search (search.html?q=...&soort=...), so a search
 * can be linked, bookmarked and reloaded. Everything comes from this site: the engine,
 * its WebAssembly, the index chunks and the excerpts. No external code. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  /* Past events and old news rank below current ones: their score counts for this much.
   * Measured with the query set in tests/test_search_browser.py. Such a record's name ends
   * in data-voorbij (writers/pagefind_bundle.py), so no filter need be fetched to know it. */
  var PAST_WEIGHT = 0.5;
  /* A filter no record has: a search with it finds nothing, but still counts what it would
   * have found without it (unfilteredResultCount), and that is quick. */
  var NO_RECORD = { "kb-geen": "-" };
  /* Matches in the title count most, then the keywords and synonyms, the words of the id,
   * the key fact. */
  var RANKING = { metaWeights: { title: 6, trefwoorden: 4, kenmerk: 2, feit: 1.5, soort: 1 } };
  var FILTERS = ["soort", "thema", "jaar"];
  var DATED_KINDS = ["Bijeenkomst", "Bericht"];

  var root = document.getElementById("kb-zoeken");
  if (!root) return;
  var form = root.querySelector("form");
  var field = document.getElementById("kb-zoekveld");
  var status = document.getElementById("kb-zoekstatus");
  var suggestion = document.getElementById("kb-suggestie");
  var list = document.getElementById("kb-zoekresultaten");
  var more = document.getElementById("kb-meer");
  var order = document.getElementById("kb-volgorde");
  var orderBox = root.querySelector(".kb-zoekvolgorde");
  var pageTitle = document.title;
  var past = root.dataset.voorbij || "";
  var engine = null;
  var words = null;
  var dates = null;
  var latest = 0;
  var shown = { results: [], count: 0 };

  function loadEngine() {
    if (!engine) {
      engine = import(new URL(root.dataset.bundle, window.location.href).href).then(function (pagefind) {
        var options = {
          baseUrl: new URL(".", window.location.href).pathname,
          ranking: RANKING,
          excerptLength: 26,
          /* noWorker: a worker is one more script to fetch before the first result (and it
           * fetches the index out of sight of the page's preloads). */
          noWorker: true,
        };
        /* The index's name, in place of the time Pagefind would add to the address of its
         * entry file: the page's head has asked for that file already. */
        if (root.dataset.index) options.metaCacheTag = root.dataset.index;
        return pagefind
          .options(options)
          .then(function () {
            return pagefind;
          });
      });
    }
    return engine;
  }

  /* The index chunks that Pagefind will fetch for ``query``, asked for now, beside the
   * engine. Pagefind looks each word of the query up in the first chunk whose range holds
   * it, and only if no word is found, in the first whose range may hold a word that begins
   * or starts it (request_indexes, pagefind_web/src/lib.rs); the query written as in its
   * search(): without punctuation, in lower case, without diacritics. */
  function fetchChunks(query) {
    var chunks = JSON.parse(root.dataset.delen || "[]");
    var folder = new URL(".", new URL(root.dataset.bundle, window.location.href)).href;
    var words = Array.from(query)
      .filter(function (c) { return !/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/u.test(c); })
      .join("")
      .toLocaleLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .split(/\s+/)
      .filter(Boolean);
    var found = words.map(function (word) {
      return chunks.find(function (c) { return word >= c[0] && word <= c[1]; });
    });
    if (!found.some(Boolean)) {
      found = words.map(function (word) {
        return chunks.find(function (c) {
          var first = Math.min(word.length, c[0].length);
          var last = Math.min(word.length, c[1].length);
          return word.slice(0, first) >= c[0].slice(0, first) && word.slice(0, last) <= c[1].slice(0, last);
        });
      });
    }
    found.forEach(function (chunk) {
      if (chunk) fetchEarly(folder + "index/" + chunk[2] + ".pf_index");
    });
  }

  /* The filters and the order by date that the address asks for, beside the engine. */
  function fetchFiltersAndOrder(params) {
    var files = JSON.parse(root.dataset.filters || "{}");
    FILTERS.forEach(function (name) {
      if (params.get(name) && files[name]) fetchEarly(new URL(files[name], window.location.href).href);
    });
    if (params.get("volgorde") && root.dataset.volgorde) fetchEarly(new URL(root.dataset.volgorde, window.location.href).href);
  }

  /* Ask for a file the way Pagefind (or loadDates) will fetch it, so that it takes this answer. */
  function fetchEarly(address) {
    if (document.head.querySelector('link[href="' + address + '"]')) return;
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = address;
    document.head.append(link);
  }

  /* The records by date, oldest first, by their numbers: loaded only when a member sorts
   * by date. A record's number is in its name (<index>/<number>, writers/pagefind_bundle.py). */
  function loadDates() {
    if (!dates) {
      var file = root.dataset.volgorde;
      dates = (file ? fetch(file).then(function (r) { return r.ok ? r.json() : {}; }) : Promise.resolve({}))
        .then(function (order) {
          var place = new Map();
          (order.datum || []).forEach(function (number, rank) { place.set(number, rank); });
          return place;
        });
    }
    return dates;
  }

  function numberOf(result) {
    return parseInt(result.id.split("/").pop(), 10);
  }

  function loadWords() {
    if (!words) {
      words = fetch(root.dataset.woorden).then(function (response) {
        return response.ok ? response.json() : { woorden: {} };
      });
    }
    return words;
  }

  /* -- what the member asked ---------------------------------------------------- */

  function readForm() {
    var state = { q: field.value.trim() };
    FILTERS.forEach(function (name) {
      state[name] = form.elements[name].value;
    });
    state.volgorde = DATED_KINDS.indexOf(state.soort) >= 0 ? order.value : "";
    return state;
  }

  function fillForm(params) {
    field.value = params.get("q") || "";
    FILTERS.concat(["volgorde"]).forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name) || "";
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
    });
  }

  function filtersOf(state) {
    var filters = {};
    FILTERS.forEach(function (name) {
      if (state[name]) filters[name] = state[name];
    });
    return filters;
  }

  function remember(state) {
    var params = new URLSearchParams();
    ["q"].concat(FILTERS, ["volgorde"]).forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    document.title = state.q ? "‘" + state.q + "’ - " + pageTitle : pageTitle;
  }

  /* -- searching ---------------------------------------------------------------- */

  function find(pagefind, query, state) {
    return pagefind.search(query || null, { filters: filtersOf(state) }).then(function (search) {
      if (!state.volgorde) return currentFirst(search.results);
      return loadDates().then(function (place) { return byDate(search.results, place, state.volgorde); });
    });
  }

  function isPast(result) {
    return Boolean(past) && result.id.slice(-past.length) === past;
  }

  function currentFirst(results) {
    return results
      .map(function (result, place) {
        return { result: result, place: place, score: result.score * (isPast(result) ? PAST_WEIGHT : 1) };
      })
      .sort(function (a, b) { return b.score - a.score || a.place - b.place; })
      .map(function (entry) { return entry.result; });
  }

  /* As Pagefind sorts: only what has a date, by its place in the order by date. */
  function byDate(results, place, order) {
    var direction = order === "oud" ? 1 : -1;
    return results
      .filter(function (result) { return place.has(numberOf(result)); })
      .sort(function (a, b) { return direction * (place.get(numberOf(a)) - place.get(numberOf(b))); });
  }

  function run() {
    var state = readForm();
    orderBox.hidden = DATED_KINDS.indexOf(state.soort) < 0;
    remember(state);
    var token = ++latest;
    if (!state.q && !Object.keys(filtersOf(state)).length) {
      show(state, [], null);
      return Promise.resolve();
    }
    return loadEngine()
      .then(function (pagefind) {
        return find(pagefind, state.q, state).then(function (results) {
          if (!state.q) return [results, null];
          return suggest(pagefind, state.q).then(function (better) {
            if (!better) return [results, null];
            return find(pagefind, better, state).then(function (found) {
              return found.length || !results.length ? [found, better] : [results, null];
            });
          });
        });
      })
      .then(function (outcome) {
        if (token === latest) return show(state, outcome[0], outcome[1]);
      })
      .catch(function () {
        if (token !== latest) return;
        list.replaceChildren();
        more.hidden = true;
        status.textContent =
          "Zoeken lukt hier niet: de zoekindex kon niet worden geladen. Kijk in de overzichten hieronder.";
      });
  }

  /* -- "Bedoelde u ...?" ---------------------------------------------------------- */

  /* A word the index does not hold as it is typed ("bestuurdesdag"): Pagefind then
   * matches the longest word that begins it ("bestuur"), which finds the wrong pages.
   * Pagefind's exact search (in quotes) tells such words apart; only then is the
   * vocabulary loaded, and a word that is not the start of a known word (still being
   * typed) is replaced by the nearest known one. */
  function suggest(pagefind, query) {
    var parts = query.toLocaleLowerCase("nl").replace(/"/g, "").split(/\s+/).filter(Boolean);
    return Promise.all(
      parts.map(function (word) {
        if (word.length < 3) return false;
        return pagefind.search('"' + word + '"', { filters: NO_RECORD }).then(function (exact) {
          return !exact.unfilteredResultCount;
        });
      })
    ).then(function (unknown) {
      if (unknown.indexOf(true) < 0) return null;
      return loadWords().then(function (vocabulary) {
        var known = vocabulary.woorden || {};
        var changed = false;
        var corrected = parts.map(function (word, place) {
          if (!unknown[place] || isStartOfKnown(word, known)) return word;
          var close = closest(word, known);
          if (close) changed = true;
          return close || word;
        });
        return changed ? corrected.join(" ") : null;
      });
    });
  }

  function isStartOfKnown(word, known) {
    for (var candidate in known) {
      if (candidate.lastIndexOf(word, 0) === 0) return true;
    }
    return false;
  }

  /* The known word nearest to ``word``, at most one typo per four letters away; of two as
   * near, the more common (the vocabulary lists the most common first). */
  function closest(word, known) {
    var limit = Math.max(1, Math.floor(word.length / 4));
    var best = null;
    for (var candidate in known) {
      if (Math.abs(candidate.length - word.length) > limit) continue;
      var distance = editDistance(word, candidate, limit);
      if (distance <= limit) {
        best = candidate;
        limit = distance - 1;
        if (limit < 0) break;
      }
    }
    return best;
  }

  /* Damerau-Levenshtein (optimal string alignment): a swap of two letters is one typo. */
  function editDistance(a, b, limit) {
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* -- showing ------------------------------------------------------------------ */

  function describe(state, count, query) {
    var noun = count === 1 ? "resultaat" : "resultaten";
    var refined = [];
    if (state.soort) refined.push("soort " + state.soort);
    if (state.thema) refined.push("thema " + state.thema);
    if (state.jaar) refined.push("jaar " + state.jaar);
    var text = count + " " + noun + (query ? " voor ‘" + query + "’" : "");
    if (refined.length) text += (query ? ", " : " met ") + refined.join(", ");
    if (state.volgorde) text += state.volgorde === "oud" ? ", oudste datum eerst" : ", nieuwste datum eerst";
    return text + ".";
  }

  function show(state, results, better) {
    shown = { results: results, count: 0 };
    list.replaceChildren();
    suggestion.hidden = !better;
    suggestion.replaceChildren();
    if (!state.q && !Object.keys(filtersOf(state)).length) {
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    if (better) {
      var link = document.createElement("a");
      link.href = "?q=" + encodeURIComponent(better);
      link.textContent = better;
      suggestion.append("Bedoelde u ", link, "?");
      status.textContent = "‘" + state.q + "’ staat niet in de kennisbank.";
      suggestion.append(" " + describe(state, results.length, better));
    } else if (!results.length) {
      status.textContent =
        (state.q ? "Geen resultaten voor ‘" + state.q + "’" : "Geen resultaten") +
        (Object.keys(filtersOf(state)).length ? " met deze keuzes. Kies minder of andere." : ".") +
        " Probeer een ander of korter woord, of kijk in de overzichten hieronder.";
    } else {
      status.textContent = describe(state, results.length, state.q);
    }
    return showMore(false);
  }

  function showMore(moveFocus) {
    var start = shown.count;
    var batch = shown.results.slice(start, start + PAGE_SIZE);
    shown.count += batch.length;
    more.hidden = shown.count >= shown.results.length;
    var current = shown;
    /* All excerpts are asked for at once; each result shows as soon as it and those above it
     * are there, so the first does not wait for the slowest. */
    var shownInOrder = Promise.resolve();
    batch.forEach(function (result, place) {
      var data = result.data();
      shownInOrder = shownInOrder.then(function () {
        return data.then(function (item) {
          if (current !== shown) return;
          list.append(resultItem(item));
          if (moveFocus && place === 0) list.children[start].querySelector("a").focus();
        });
      });
    });
    return shownInOrder;
  }

  /* A staged record's address, <deel>/<page>/<anchor>.html, is <page>.html#<anchor>. */
  function address(url) {
    var staged = new RegExp(root.dataset.deel + "/(.+)/([^/]+)\\.html$");
    return url.replace(staged, "$1.html#$2");
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "kb-resultaat";
    var heading = document.createElement("h2");
    heading.className = "kb-resultaat-titel";
    var link = document.createElement("a");
    link.href = address(data.url);
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    item.append(heading);
    var facts = [data.meta.soort, data.meta.feit].filter(Boolean).join(" · ");
    if (facts) {
      var fact = document.createElement("p");
      fact.className = "kb-resultaat-feit";
      fact.textContent = facts;
      item.append(fact);
    }
    if (data.excerpt) {
      var excerpt = document.createElement("p");
      excerpt.className = "kb-resultaat-tekst";
      excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text; only its <mark> is markup */
      item.append(excerpt);
    }
    return item;
  }

  /* -- wiring ------------------------------------------------------------------- */

  var typing = null;
  field.addEventListener("input", function () {
    window.clearTimeout(typing);
    if (field.value.trim()) loadEngine().then(function (p) { p.preload(field.value.trim()); });
    typing = window.setTimeout(run, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    run();
  });
  form.addEventListener("change", function (event) {
    if (event.target !== field) run();
  });
  more.addEventListener("click", function () {
    showMore(true);
  });

  var refine = root.querySelector(".kb-zoekfilters");
  refine.hidden = false;
  var params = new URLSearchParams(window.location.search);
  fillForm(params);
  refine.open = FILTERS.some(function (name) { return params.get(name); });
  if (field.value || FILTERS.some(function (name) { return params.get(name); })) {
    if (field.value) fetchChunks(field.value);
    fetchFiltersAndOrder(params);
    run();
  } else {
    loadEngine();
    field.focus();
  }
})();
