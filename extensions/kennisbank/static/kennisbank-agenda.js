/* An event page that was built while the event was still to come says
 * "Afgelopen" once its end has passed, without a rebuild: the page's own
 * schema.org data (JSON-LD, written by the build) gives the end. No external code. */
(function () {
  "use strict";

  function endOf(data) {
    var value = data.endDate || data.startDate;
    if (!value) return null;
    // An all-day event ("2023-05-12") lasts until the end of that day.
    return new Date(value.length === 10 ? value + "T23:59:59" : value);
  }

  function markPast() {
    document.querySelectorAll('script[type="application/ld+json"]').forEach(function (script) {
      var data;
      try { data = JSON.parse(script.textContent); } catch (error) { return; }
      var end = data && data["@type"] === "Event" ? endOf(data) : null;
      var card = script.previousElementSibling;
      if (!end || isNaN(end) || end > new Date() || !card || !card.classList.contains("kb-kaart")) return;
      card.classList.replace("kb-kaart-komend", "kb-kaart-afgelopen");
      var badge = card.querySelector(".kb-status");
      if (badge && !badge.classList.contains("kb-status-geannuleerd")) {
        badge.textContent = "Afgelopen";
        badge.className = "kb-status kb-status-afgelopen";
      }
      card.querySelectorAll(".kb-agenda-acties, .kb-aanmeld-actie").forEach(function (element) { element.remove(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markPast);
  else markPast();
})();
