// "New since my last visit" without an account: this browser keeps the time of the reader's
// last page view (localStorage), and each event card published after the previous visit gets a
// "New" marker. A visit is one tab (sessionStorage) until 30 minutes pass without a page view,
// so paging, filtering and reloading within a visit keep the same markers. Cards carry their
// publication time in data-published; without this script nothing is marked.
(function () {
  "use strict";

  const LAST_SEEN = "policy-timeline:last-seen";
  const BASELINE = "policy-timeline:visit-since";
  const VISIT_GAP_MS = 30 * 60 * 1000;

  // Storage can be disabled or full (private modes, blocked cookies): then nothing is marked.
  function store(name) {
    try {
      const storage = window[name];
      storage.getItem(LAST_SEEN);
      return storage;
    } catch (error) {
      return null;
    }
  }

  const local = store("localStorage");
  const session = store("sessionStorage");
  if (!local) return;

  const now = Date.now();
  const lastSeen = Number(local.getItem(LAST_SEEN)) || 0;
  let since = session ? session.getItem(BASELINE) : null;
  if (since === null || now - lastSeen > VISIT_GAP_MS) {
    since = String(lastSeen);
    if (session) session.setItem(BASELINE, since);
  }
  try {
    local.setItem(LAST_SEEN, String(now));
  } catch (error) {
    return;
  }
  const sinceMs = Number(since);
  // A first visit has nothing to compare with: everything would be "new", which says nothing.
  if (!sinceMs) return;

  function mark() {
    document.querySelectorAll(".event[data-published]:not(.event--new)").forEach(function (card) {
      if (!(Date.parse(card.dataset.published) > sinceMs)) return;
      card.classList.add("event--new");
      const marker = document.createElement("span");
      marker.className = "new-marker";
      marker.title = "Published since your last visit";
      marker.textContent = "New";
      const date = card.querySelector(".event-date");
      (date || card).prepend(marker, " ");
    });
  }

  mark();
  // Filters and "Load more" swap in cards with htmx: mark those too.
  document.addEventListener("htmx:afterSettle", mark);
})();
