// The visual timeline of ?view=visual: draws #visual-timeline with the vendored vis-timeline
// from /export.json?<the same filters>. The library (550 KB) loads only when such a view is
// shown, including after an htmx swap. Items carry DOM text, never HTML, and the library's own
// styles come from its stylesheet, so the strict CSP holds.
(function () {
  "use strict";

  const DAY = 24 * 60 * 60 * 1000;
  let library = null;

  function load(figure) {
    if (library) return library;
    // The library measures its elements as it builds them: its stylesheet must apply first.
    const styled = new Promise(function (resolve, reject) {
      const stylesheet = document.createElement("link");
      stylesheet.rel = "stylesheet";
      stylesheet.href = figure.dataset.stylesheet;
      stylesheet.onload = resolve;
      stylesheet.onerror = reject;
      document.head.append(stylesheet);
    });
    const loaded = new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = figure.dataset.script;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
    library = Promise.all([styled, loaded]).then(function () { return window.vis; });
    return library;
  }

  function day(iso) {
    const [year, month, date] = iso.split("-").map(Number);
    return new Date(year, month - 1, date);
  }

  // A day is a point; every other precision is a band over the days it may be (end inclusive).
  function item(event) {
    const content = document.createElement("span");
    content.textContent = event.title;
    const start = day(event.date_start);
    if (event.precision === "day") {
      return { id: event.id, content: content, start: start, type: "point", className: "precision-day" };
    }
    const end = new Date(day(event.date_end).getTime() + DAY);
    return { id: event.id, content: content, start: start, end: end, type: "range", className: "precision-" + event.precision };
  }

  function status(figure, text) {
    figure.querySelector(".visual-status").textContent = text;
  }

  async function draw(figure) {
    if (figure.dataset.drawn) return;
    figure.dataset.drawn = "true";
    figure.hidden = false;
    status(figure, "Loading the visual timeline…");
    try {
      const [vis, response] = await Promise.all([load(figure), fetch(figure.dataset.src)]);
      const data = await response.json();
      if (!response.ok) {
        status(figure, data.error || "The visual timeline could not be loaded; the list below shows every event.");
        return;
      }
      const events = data.events.map(function (slide) { return slide.event; });
      const urls = new Map(events.map(function (event) { return [event.id, event.url]; }));
      const items = events.map(item);
      // Open on the filtered events, with a margin, not on today's date.
      const first = Math.min.apply(null, items.map(function (entry) { return entry.start.getTime(); }));
      const last = Math.max.apply(null, items.map(function (entry) { return (entry.end || entry.start).getTime(); }));
      const margin = Math.max((last - first) * 0.05, 7 * DAY);
      const timeline = new vis.Timeline(figure.querySelector(".visual-canvas"), new vis.DataSet(items), {
        start: new Date(first - margin),
        end: new Date(last + margin),
        stack: true,
        zoomKey: "ctrlKey",
        horizontalScroll: false,
        orientation: "top",
        maxHeight: 520,
        margin: { item: 6 },
        // Dense stretches fold into a numbered cluster; zooming in opens it.
        cluster: { maxItems: 4, showStipes: true, titleTemplate: "{count} events: zoom in to see them" },
      });
      timeline.on("select", function (properties) {
        const url = urls.get(properties.items[0]);
        if (url) window.location.assign(url);
      });
      status(figure, events.length + " event" + (events.length === 1 ? "" : "s") + " drawn.");
    } catch (error) {
      status(figure, "The visual timeline could not be drawn; the list below shows every event.");
    }
  }

  function drawAll() {
    document.querySelectorAll("#visual-timeline").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
