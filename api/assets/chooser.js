// The chooser page (/): opens the page of the first browser language there is a page for
// (de-AT gives de), as the server's negotiation does; without a match, the list stays.
// Inlined in the page, allowed by its hash (api/pages/page.py).
(function () {
  /** @type {Record<string, string>} */
  var pages = {};
  var links = document.querySelectorAll("a[hreflang]");
  for (var i = 0; i < links.length; i++) {
    var link = /** @type {HTMLAnchorElement} */ (links[i]);
    pages[link.hreflang] = link.href;
  }
  var wanted = navigator.languages || [navigator.language || ""];
  for (var j = 0; j < wanted.length; j++) {
    var tag = String(wanted[j]).toLowerCase(), page = pages[tag] || pages[tag.split("-")[0]];
    if (page) { location.replace(page); return; }
  }
})();
