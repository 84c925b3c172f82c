// The embed-code generator of /embed/ (inlined into the page by api/embed.py, allowed by its hash):
// labels in the browser's language, the choice of locale, section, item and mode, the live
// preview and the snippet to copy. Checked by `tsc --strict --checkJs` with the element.
// @ts-check
(function () {
  /** @typedef {import("../types/openapi").components["schemas"]["Factsheet"]} Factsheet */
  /** @typedef {{name: string, dir: string, text: Record<string, string>, nl: string[]}} Locale */
  /** @type {{source: string, message: string, locales: Record<string, Locale>}} */
  var data = JSON.parse(byId("embed-data").textContent || "{}");
  var root = new URL("../", location.href).href;
  var locale = /** @type {HTMLSelectElement} */ (byId("locale"));
  var section = /** @type {HTMLSelectElement} */ (byId("section"));
  var item = /** @type {HTMLSelectElement} */ (byId("item"));
  var mode = /** @type {HTMLSelectElement} */ (byId("mode"));
  var snippet = byId("snippet");
  var preview = byId("preview");
  /** @type {Factsheet | null} */
  var sheet = null;
  var ui = data.source;

  /** @param {string} id */
  function byId(id) {
    var found = document.getElementById(id);
    if (!found) throw new Error("the page has no #" + id);
    return found;
  }

  /** @param {string} key */
  function say(key) {
    return data.locales[ui].text[key];
  }

  function label() {
    var strings = data.locales[ui];
    document.documentElement.lang = ui;
    document.documentElement.dir = strings.dir;
    document.title = strings.text["embed-title"];
    document.querySelectorAll("[data-ui]").forEach(function (node) {
      var key = node.getAttribute("data-ui") || "";
      node.textContent = strings.text[key];
      if (strings.nl.indexOf(key) >= 0) node.setAttribute("lang", data.source);
      else node.removeAttribute("lang");
    });
  }

  /** Choices in the content's language, marked with its lang and dir (Arabic titles read right to left).
   * @param {HTMLSelectElement} select @param {{id: string, title: string | null}[]} choices @param {string} lang */
  function fill(select, choices, lang) {
    var first = select.options[0];
    select.replaceChildren(first);
    choices.forEach(function (choice) {
      var option = document.createElement("option");
      option.value = choice.id;
      option.textContent = choice.title || choice.id;
      option.lang = lang;
      option.dir = Object.hasOwn(data.locales, lang) ? data.locales[lang].dir : "ltr";
      select.append(option);
    });
  }

  /** A closed select shows its choice in that choice's direction, so the start of a title is never cut off.
   * @param {HTMLSelectElement} select */
  function align(select) {
    var chosen = select.selectedOptions[0];
    if (chosen && chosen.dir) select.dir = chosen.dir;
    else select.removeAttribute("dir");
  }

  function chosenSection() {
    return sheet && sheet.sections.find(function (s) { return s.id === section.value; });
  }

  /** Text for an HTML attribute value or element of the snippet. @param {string} value */
  function escape(value) {
    return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /** @param {string} name @param {string} value */
  function attribute(name, value) {
    return value ? " " + name + '="' + escape(value) + '"' : "";
  }

  function update() {
    var code = locale.value;
    var framed = mode.value === "iframe";
    item.disabled = framed;
    byId("iframe-note").hidden = !framed;
    var sectionId = section.value;
    var itemId = framed || !sectionId ? "" : item.value;
    align(section);
    align(item);
    var text;
    if (framed) {
      var path = "embed/" + code + "/" + (sectionId ? sectionId + "/" : "");
      var frame = document.createElement("iframe");
      frame.src = root + path;
      frame.title = sheet ? sheet.metadata.title : data.locales[code].text["embed-full"];
      frame.height = "400";
      preview.replaceChildren(frame);
      text =
        '<iframe src="' + root + path + '" title="' + escape(frame.title) + '" width="100%" height="400"></iframe>\n' +
        '<script>addEventListener("message", function (e) { if (e.origin === "' + new URL(root).origin +
        '" && e.data && e.data.type === "' + data.message + '") for (var f of document.querySelectorAll("iframe")) ' +
        "if (f.contentWindow === e.source) f.height = e.data.height; });</" + "script>";
    } else {
      var element = document.createElement("ai-chatbot-factsheet");
      element.setAttribute("locale", code);
      if (sectionId) element.setAttribute("section", sectionId);
      if (itemId) element.setAttribute("item", itemId);
      preview.replaceChildren(element);
      text =
        '<script type="module" src="' + root + 'embed.js"></' + "script>\n" +
        "<ai-chatbot-factsheet" + attribute("locale", code) + attribute("section", sectionId) +
        attribute("item", itemId) + '><a href="' + root + code + '/">' + escape(data.locales[code].text["embed-full"]) +
        "</a></ai-chatbot-factsheet>";
    }
    snippet.textContent = text;
    byId("copied").textContent = "";
  }

  function load() {
    fetch("../v1/" + locale.value + "/factsheet.json")
      .then(function (response) { return response.json(); })
      .then(function (/** @type {Factsheet} */ loaded) {
        var keep = section.value;
        var keepItem = item.value;
        sheet = loaded;
        fill(section, loaded.sections, loaded.metadata.language);
        section.value = keep;
        items();
        item.value = keepItem;
        update();
      });
  }

  function items() {
    var found = chosenSection();
    fill(item, found ? found.items : [], sheet ? sheet.metadata.language : data.source);
    update();
  }

  addEventListener("message", function (event) {
    var frame = preview.querySelector("iframe");
    if (frame && event.source === frame.contentWindow && event.data && event.data.type === data.message) {
      frame.height = String(event.data.height);
    }
  });
  byId("copy").addEventListener("click", function () {
    navigator.clipboard.writeText(snippet.textContent || "").then(function () {
      byId("copied").textContent = say("embed-copied");
    });
  });
  locale.addEventListener("change", load);
  section.addEventListener("change", items);
  item.addEventListener("change", update);
  mode.addEventListener("change", update);

  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var tag = String(wanted[i]).toLowerCase();
    var shipped = Object.hasOwn(data.locales, tag) ? tag : tag.split("-")[0];
    var found = Object.hasOwn(data.locales, shipped) ? shipped : ""; // own names only: not "constructor"
    if (found) {
      ui = found;
      break;
    }
  }
  label();
  locale.value = ui;
  update(); // the snippet and preview at once, before the first paint: nothing moves when the sections arrive
  load();
})();
