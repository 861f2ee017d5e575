// The one thing htmx cannot do declaratively under our CSP (no hx-on): tell the reader when a
// request fails. htmx then leaves the page as it was; this shows why and offers the same view
// as an ordinary page load. Everything else is htmx attributes in the templates.
(function () {
  "use strict";

  function box() {
    return document.getElementById("request-error");
  }

  function show(message, url) {
    const element = box();
    if (!element) return;
    element.replaceChildren(document.createTextNode(message + " "));
    if (url) {
      const link = document.createElement("a");
      link.href = url;
      link.textContent = "Open this view as a page";
      element.append(link, document.createTextNode("."));
    }
    element.hidden = false;
  }

  document.addEventListener("htmx:beforeRequest", function () {
    const element = box();
    if (element) element.hidden = true;
  });
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr ? event.detail.xhr.status : "";
    show("The server could not show these results (error " + status + "). Try again, or", event.detail.pathInfo.requestPath);
  });
  document.addEventListener("htmx:sendError", function (event) {
    show("The server did not answer. Check your connection and try again, or", event.detail.pathInfo.requestPath);
  });
})();

// On wide screens the "Filters" disclosure is a sidebar: open it, so every browser and screen
// reader treats its contents as shown (app.css also shows it where ::details-content works).
(function () {
  "use strict";
  const wide = window.matchMedia("(min-width: 56rem)");
  function openOnWideScreens() {
    const filters = document.getElementById("filters");
    if (filters && wide.matches) filters.open = true;
  }
  document.addEventListener("DOMContentLoaded", openOnWideScreens);
  document.addEventListener("htmx:afterSettle", openOnWideScreens);
  wide.addEventListener("change", openOnWideScreens);
})();
