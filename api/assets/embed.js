// <ai-chatbot-factsheet>: the factsheet "AI-chatbots en mentaal welzijn van jongeren" on any page.
// One ES module, no dependencies, no cookies, no storage, no tracking. It fetches the JSON from
// the folder it was loaded from (live service or static copy alike) and renders it into a shadow
// root with its own constructable stylesheet, so a strict host CSP needs no 'unsafe-inline'.
// Plain JavaScript with JSDoc types, checked by `tsc --strict --checkJs` against the types
// generated from the OpenAPI document (api/types/openapi.d.ts). Code: MIT licence. The text of
// the factsheet belongs to its original publisher; no licence for it was given.
// @ts-check

/** @typedef {import("../types/openapi").components["schemas"]["Factsheet"]} Factsheet */
/** @typedef {import("../types/openapi").components["schemas"]["Section"]} Section */
/** @typedef {import("../types/openapi").components["schemas"]["Item"]} Item */
/** @typedef {{dir: "ltr" | "rtl", colon: string, text: Record<string, string>, nl: string[]}} LocaleText */

/** The notice rule (factsheet/output/notices.py): the interface-text key of the notice each
 * translation status shows (`null`: none), and of the notice that some text is in Dutch.
 * @typedef {{status: Record<string, string | null>, fallbacks: string}} NoticeRule */

/**
 * The shipped locales (in order), their direction, what joins a run-in heading to its text
 * (`colon`) and the interface text the element shows; the notice rule; the sections whose items
 * run their title into their text (`runIn`). The server writes the real data over this empty one
 * (api/pages/embed.py) when it serves the file.
 * @type {{source: string, runIn: string[], notices: NoticeRule, locales: Record<string, LocaleText>}}
 */
const DATA = /*DATA*/ { source: "nl", runIn: [], notices: { status: {}, fallbacks: "" }, locales: {} };
// Names come from the page (`locale`, `lang`) and the fetched data (a status): none may find
// what every object has ("constructor").
Object.setPrototypeOf(DATA.locales, null);
Object.setPrototypeOf(DATA.notices.status, null);

const TAG = "ai-chatbot-factsheet";
const ATTRIBUTES = ["locale", "section", "item", "heading-level", "compact", "version"];
/** A released version, as the API's `version` parameter takes it: `1.0.0`. */
const VERSION = /^\d+\.\d+\.\d+$/;
/** @type {Map<string, Promise<Factsheet>>} */
const loaded = new Map();

const CSS = `
:host { display: flow-root; font: inherit; color: var(--factsheet-text, inherit); line-height: 1.5;
  overflow-wrap: anywhere; }
:host([hidden]) { display: none; }
article { max-width: var(--factsheet-max-width, none); }
h1, h2, h3, h4, h5, h6 { font: inherit; font-weight: 700; line-height: 1.25; margin: 1em 0 .4em; }
.title { font-size: 1.5em; margin-top: 0; }
.section > .heading { font-size: 1.25em; }
.item > .heading, summary { font-size: 1.05em; }
p, ul, ol { margin: 0 0 .6em; }
ul, ol { padding-inline-start: 1.4em; }
.items { list-style: none; padding: 0; display: grid; gap: var(--factsheet-gap, .75em); }
.item { border-inline-start: 4px solid var(--factsheet-accent, #0b5cad); padding-inline-start: .8em; }
.item > .heading { margin-top: 0; }
.run-in > .heading, .run-in > .text { display: inline; font-size: inherit; margin: 0; }
.example { font-style: italic; }
article:lang(ar) { line-height: 1.7; }
.example:lang(ar) { font-style: normal; }
a { color: var(--factsheet-link, var(--factsheet-accent, #0b5cad)); }
.notice, .attribution { font-size: .9em; padding: .5em .75em; margin: .75em 0;
  border-radius: var(--factsheet-radius, 4px); background: var(--factsheet-notice-background, #f3f5f8);
  color: var(--factsheet-notice-text, #1f2328); }
.notice a, .attribution a { color: var(--factsheet-notice-link, #0b4f96); }
.attribution p { margin: 0 0 .25em; }
.mark { font-size: .75em; font-weight: 700; margin-inline-start: .3em; padding: 0 .25em;
  border: 1px solid currentColor; border-radius: 3px; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:host([compact]) { font-size: .95em; }
:host([compact]) .items { gap: .3em; }
summary { cursor: pointer; font-weight: 700; }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** Whether `code` is a shipped locale. @param {string} code */
function shipped(code) {
  return Object.hasOwn(DATA.locales, code);
}

/** The shipped locale a language tag names (`en-GB` gives `en`), or null. @param {string} tag */
function lookup(tag) {
  const code = tag.trim().toLowerCase().replace("_", "-");
  if (shipped(code)) return code;
  const primary = code.split("-")[0];
  return shipped(primary) ? primary : null;
}

/**
 * The URL of a locale's factsheet, beside this script: the current one, or the pinned edition of
 * a released `version` (already checked against VERSION). The same leaf names live and in a copy.
 * @param {string} locale @param {string} version
 */
function dataUrl(locale, version) {
  return new URL(`v1/${version ? `releases/${version}/` : ""}${locale}/factsheet.json`, import.meta.url);
}

/**
 * Why a pinned edition was not found, naming the released versions (from `v1/releases.json`)
 * when they can be had.
 * @param {string} locale @param {string} version @returns {Promise<string>}
 */
async function missing(locale, version) {
  const said = `no edition "${version}" in locale "${locale}"`;
  try {
    const response = await fetch(new URL("v1/releases.json", import.meta.url), { credentials: "omit", referrerPolicy: "no-referrer" });
    const list = /** @type {{releases: {version: string}[]}} */ (await response.json());
    return `${said}; there are ${list.releases.map((r) => r.version).join(", ") || "no releases"}`;
  } catch {
    return said;
  }
}

/** @param {string} locale */
function pageUrl(locale) {
  return new URL(`${locale}/`, import.meta.url).href;
}

/** @param {string} locale @param {string} version @returns {Promise<Factsheet>} */
function load(locale, version) {
  const key = `${version}/${locale}`;
  let found = loaded.get(key);
  if (!found) {
    found = fetch(dataUrl(locale, version), { credentials: "omit", referrerPolicy: "no-referrer" }).then(async (response) => {
      if (version && response.status === 404) throw new Error(await missing(locale, version));
      if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
      return /** @type {Promise<Factsheet>} */ (response.json());
    });
    found.catch(() => loaded.delete(key)); // a failed fetch is tried again at the next render
    loaded.set(key, found);
  }
  return found;
}

/**
 * An element with a class, a part name and children (strings become text, never markup).
 * @param {string} tag @param {string} name @param {(Node | string)[]} children
 */
function el(tag, name, ...children) {
  const node = document.createElement(tag);
  if (name) {
    node.className = name;
    node.setAttribute("part", name);
  }
  node.append(...children);
  return node;
}

/** A link to a page of the factsheet in `locale`. @param {string} locale @param {Node} label */
function anchor(locale, label) {
  const a = document.createElement("a");
  a.href = pageUrl(locale);
  a.hreflang = locale;
  a.setAttribute("part", "link");
  a.append(label);
  return a;
}

class FactsheetElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    if (!sheet && "adoptedStyleSheets" in root) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    if (sheet) root.adoptedStyleSheets = [sheet];
    root.append(document.createElement("slot")); // the light-DOM fallback shows while loading
    this.root = root;
    this.pending = false;
    this.renders = 0;
  }

  connectedCallback() {
    this.schedule();
  }

  attributeChangedCallback() {
    this.schedule();
  }

  schedule() {
    if (this.pending || !this.isConnected) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.render();
    });
  }

  /** The page's nearest `lang`, else the browser's languages, else Dutch. */
  nearest() {
    const host = this.closest("[lang]");
    for (const tag of [host ? host.getAttribute("lang") || "" : "", ...navigator.languages]) {
      const code = lookup(tag);
      if (code) return code;
    }
    return DATA.source;
  }

  async render() {
    const turn = ++this.renders;
    const asked = this.getAttribute("locale");
    const code = asked === null ? this.nearest() : lookup(asked);
    const locale = code || this.nearest(); // an unknown locale: the message in the reader's language
    const version = this.getAttribute("version") || ""; // absent or empty: the current edition
    let content;
    try {
      if (!code) throw new Error(`unknown locale "${asked}"; there are ${Object.keys(DATA.locales).join(", ")}`);
      if (version && !VERSION.test(version)) throw new Error(`version="${version}" is no version like "1.0.0"`);
      const data = await load(code, version);
      if (turn !== this.renders) return;
      content = this.build(data, this.getAttribute("section"), this.getAttribute("item"));
    } catch (error) {
      if (turn !== this.renders) return;
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`<${TAG}>: ${reason}. Showing a link to the factsheet instead: ${pageUrl(locale)}`);
      content = this.failure(locale);
    }
    this.root.replaceChildren(content);
  }

  /** @param {string} locale @param {string} key */
  text(locale, key) {
    const strings = DATA.locales[locale];
    const span = el("span", "", strings.text[key] || "");
    if (strings.nl.includes(key)) {
      span.lang = DATA.source;
      span.dir = "ltr";
    }
    return span;
  }

  /** @param {string} locale */
  frame(locale) {
    const article = el("article", "factsheet");
    article.lang = locale;
    article.dir = DATA.locales[locale].dir;
    return article;
  }

  /** @param {string} locale */
  link(locale) {
    return anchor(locale, this.text(locale, "embed-full"));
  }

  /**
   * The message and the link, in `locale` if it is shipped, else in the reader's language: it
   * cannot fail, so the box is never left empty.
   * @param {string} locale
   */
  failure(locale) {
    const code = shipped(locale) ? locale : this.nearest();
    const article = this.frame(code);
    article.append(el("p", "notice", this.text(code, "embed-error"), " ", this.link(code)));
    return article;
  }

  /**
   * `heading-level`: a whole number, 1 to 6 (below 1 is 1, above 6 is 6); absent or empty, 2. Any
   * other value (`2.5`, `h3`) is 2 with a warning: a heading element is `h1` to `h6` or nothing.
   */
  level() {
    const asked = (this.getAttribute("heading-level") || "").trim();
    if (/^[+-]?\d+$/.test(asked)) return Math.min(Math.max(Number(asked), 1), 6);
    if (asked) console.warn(`<${TAG}>: heading-level="${asked}" is no whole number from 1 to 6; using 2`);
    return 2;
  }

  /**
   * The content asked for, with its notices and attribution; throws on an unknown section or item.
   * @param {Factsheet} data @param {string | null} sectionId @param {string | null} itemId
   */
  build(data, sectionId, itemId) {
    const meta = data.metadata;
    const locale = meta.language;
    const translation = meta.translation;
    const fallbacks = new Set(translation.fallbacks);
    const level = this.level();
    const compact = this.hasAttribute("compact");
    const article = this.frame(locale);

    /** A content string; marked `lang="nl"` with a visible mark when it fell back to Dutch.
     * @param {string} context @param {string} value @returns {Node | string} */
    const t = (context, value) => {
      if (!fallbacks.has(context)) return value;
      const span = el("span", "fallback", value);
      span.lang = DATA.source;
      span.dir = "ltr";
      const note = DATA.locales[locale].text.fallback;
      const mark = el("span", "mark", DATA.source.toUpperCase());
      mark.title = note;
      mark.setAttribute("aria-hidden", "true");
      return el("span", "", span, mark, el("span", "hidden", ` (${note})`));
    };
    /** @param {number} depth @param {string} name @param {(Node | string)[]} children */
    const heading = (depth, name, ...children) => el(`h${Math.min(level + depth, 6)}`, name, ...children);

    /** @param {Section} section @param {Item} item @param {number} depth */
    const renderItem = (section, item, depth) => {
      const at = `${section.id}/${item.id}`;
      if (item.title && item.text && DATA.runIn.includes(section.id)) {
        // As on the page and in the printed original, "Title: text" in one paragraph: the text
        // continues its title (in Dutch it starts in lower case), so it never stands alone.
        const title = heading(depth, "heading", t(`${at}/title`, item.title));
        const text = el("p", "text", t(`${at}/text`, item.text));
        const paragraph = el("li", "item", title, DATA.locales[locale].colon, text);
        // A class for the layout, not a part: hosts style it as ::part(item).
        paragraph.classList.add("run-in");
        return paragraph;
      }
      /** @type {Node[]} */
      const body = [];
      if (item.text) body.push(el("p", "text", t(`${at}/text`, item.text)));
      if (item.points.length) {
        const points = item.points.map((point, i) => el("li", "point", t(`${at}/points/${i + 1}`, point)));
        body.push(el("ul", "points", ...points));
      }
      if (item.example) body.push(el("p", "example", t(`${at}/example`, item.example)));
      if (!item.title) return el("li", "item", ...body);
      const title = [item.number === null ? "" : `${item.number}. `, t(`${at}/title`, item.title)];
      if (compact && body.length) return el("li", "item", el("details", "", el("summary", "heading", ...title), ...body));
      return el("li", "item", heading(depth, "heading", ...title), ...body);
    };
    /** @param {Section} section @param {number} depth */
    const renderSection = (section, depth) => {
      const node = el("section", "section");
      if (section.title) node.append(heading(depth, "heading", t(`${section.id}/title`, section.title)));
      if (section.lead) node.append(el("p", "lead", t(`${section.id}/lead`, section.lead)));
      if (section.subheading) node.append(el("p", "subheading", t(`${section.id}/subheading`, section.subheading)));
      const inner = section.title ? depth + 1 : depth;
      node.append(el(section.numbered ? "ol" : "ul", "items", ...section.items.map((i) => renderItem(section, i, inner))));
      return node;
    };

    if (sectionId === null) {
      if (itemId !== null) throw new Error(`item="${itemId}" needs a section attribute`);
      article.append(heading(0, "title", t("metadata/title", meta.title)));
      article.append(...data.sections.map((s) => renderSection(s, 1)));
    } else {
      const section = data.sections.find((s) => s.id === sectionId);
      const ids = (/** @type {{id: string}[]} */ list) => list.map((x) => x.id).join(", ");
      if (!section) throw new Error(`unknown section "${sectionId}"; there are ${ids(data.sections)}`);
      if (itemId === null) article.append(renderSection(section, 0));
      else {
        const item = section.items.find((i) => i.id === itemId);
        if (!item) throw new Error(`unknown item "${itemId}" in section "${sectionId}"; there are ${ids(section.items)}`);
        article.append(el("ul", "items", renderItem(section, item, 0)));
      }
    }

    const notices = [];
    const status = DATA.notices.status[translation.status];
    if (status) {
      /** @type {Record<string, string>} */
      const review = { reviewer: translation.reviewed_by ?? "", date: translation.reviewed_on ?? "" };
      const said = this.text(locale, status);
      said.textContent = (said.textContent || "").replace(/\{(reviewer|date)\}/g, (_, key) => review[key]);
      notices.push(el("p", "notice", said, " ", anchor(DATA.source, this.text(locale, "original"))));
    }
    if (fallbacks.size) notices.push(el("p", "notice", this.text(locale, DATA.notices.fallbacks)));
    const source = this.text(locale, "embed-source");
    /** @type {Record<string, string>} */
    const values = { title: meta.title, edition: String(meta.edition), version: meta.version };
    // Each value isolated in <bdi>: "1.0.0." stays in order in a right-to-left sentence.
    const parts = (source.textContent || "").split(/\{(title|edition|version)\}/);
    source.replaceChildren(...parts.map((part, i) => (i % 2 ? el("bdi", "", values[part]) : part)));
    const attribution = el(
      "footer",
      "attribution",
      el("p", "", source, " ", this.link(locale)),
      el("p", "", this.text(locale, "rights")),
    );
    article.prepend(...notices);
    article.append(attribution);
    return article;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, FactsheetElement);
