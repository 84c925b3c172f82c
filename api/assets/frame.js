// The iframe page (/embed/{locale}/...): tells the parent its height whenever it changes, in a
// message whose type the script element carries (data-message), as embed-code.js expects it.
// Inlined in the page, allowed by its hash (api/pages/embed.py).
(function () {
  var script = /** @type {HTMLScriptElement} */ (document.currentScript);
  var type = script.dataset.message;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    parent.postMessage({ type: type, height: height }, "*");
  }
  new ResizeObserver(send).observe(document.documentElement);
})();
