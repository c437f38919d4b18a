// Finds an element in the page the way a user or a screen reader would: by
// role and accessible name, by a form field's label, or by visible text —
// the same words the Playwright page objects use. `findInPage` runs inside
// the page (each driver sends its source), so it refers to nothing outside
// itself; it covers the roles and naming rules Rapport's markup uses, not
// the whole of ARIA.

/**
 * A query is one object:
 * - `role`: "button", "link", "heading", "dialog", "textbox", "combobox", …
 * - `name`: the accessible name, whitespace-normalised, matched exactly
 *   (or `nameContains`, case-insensitive);
 * - `label`: a form field whose label is exactly this;
 * - `text` / `textContains`: the innermost element showing this text;
 * - `level`: a heading's level;
 * - `within`: another query; the match must be inside the first visible match of it.
 * Only visible elements match. Returns the first match in document order, or null.
 */
export function findInPage(query) {
  const normalise = (text) => (text || "").replace(/\s+/g, " ").trim();
  const FIELDS = new Set(["textbox", "combobox", "searchbox", "checkbox", "radio", "listbox", "spinbutton", "slider"]);
  const NAME_FROM_CONTENT = new Set(["button", "link", "heading", "option", "radio", "checkbox", "tab", "menuitem", "cell", "listitem"]);
  const LANDMARK_PARENTS = "article, aside, main, nav, section";

  function roleOf(element) {
    const explicit = normalise(element.getAttribute("role"));
    if (explicit) return explicit.split(" ")[0];
    const tag = element.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) return "heading";
    switch (tag) {
      case "a":
      case "area":
        return element.hasAttribute("href") ? "link" : "";
      case "button":
      // A details' summary is a disclosure button to the user.
      case "summary":
        return "button";
      case "nav":
        return "navigation";
      case "main":
        return "main";
      case "dialog":
        return "dialog";
      case "ul":
      case "ol":
        return "list";
      case "li":
        return "listitem";
      case "textarea":
        return "textbox";
      case "option":
        return "option";
      case "output":
        return "status";
      case "select":
        return element.multiple || element.size > 1 ? "listbox" : "combobox";
      case "header":
        return element.closest(LANDMARK_PARENTS) ? "" : "banner";
      case "footer":
        return element.closest(LANDMARK_PARENTS) ? "" : "contentinfo";
      case "section":
        return element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby") ? "region" : "";
      case "img":
        return element.getAttribute("alt") === "" ? "presentation" : "img";
      case "input": {
        const type = (element.getAttribute("type") || "text").toLowerCase();
        if (["button", "submit", "reset", "image"].includes(type)) return "button";
        if (type === "checkbox" || type === "radio") return type;
        if (type === "range") return "slider";
        if (type === "number") return "spinbutton";
        if (type === "hidden") return "";
        if (element.hasAttribute("list")) return "combobox";
        return type === "search" ? "searchbox" : "textbox";
      }
      default:
        return "";
    }
  }

  function isVisible(element) {
    if (!element.isConnected) return false;
    for (let at = element; at; at = at.parentElement) {
      if (at.hidden || at.getAttribute("aria-hidden") === "true") return false;
    }
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.visibility === "collapse") return false;
    return element.getClientRects().length > 0;
  }

  // The text a node contributes to a name: hidden parts left out, a nested
  // aria-label or alt in place of its content, form controls left out.
  function textOf(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE) return "";
    const tag = node.tagName.toLowerCase();
    if (["script", "style", "template", "select", "input", "textarea"].includes(tag)) return "";
    if (node.hidden || node.getAttribute("aria-hidden") === "true") return "";
    const style = getComputedStyle(node);
    if (style.display === "none" || style.visibility === "hidden") return "";
    const label = node.getAttribute("aria-label");
    if (label && normalise(label)) return ` ${label} `;
    if (tag === "img") return ` ${node.getAttribute("alt") || ""} `;
    let text = "";
    for (const child of node.childNodes) text += textOf(child);
    return style.display.startsWith("inline") ? text : ` ${text} `;
  }

  function nameOf(element) {
    const labelledBy = normalise(element.getAttribute("aria-labelledby"));
    if (labelledBy) {
      return normalise(
        labelledBy
          .split(" ")
          .map((id) => document.getElementById(id))
          .filter(Boolean)
          .map(textOf)
          .join(" "),
      );
    }
    const label = normalise(element.getAttribute("aria-label"));
    if (label) return label;
    if (element.labels && element.labels.length > 0) return normalise(Array.from(element.labels, textOf).join(" "));
    if (element.tagName === "FIELDSET") {
      const legend = element.querySelector(":scope > legend");
      if (legend) return normalise(textOf(legend));
    }
    if (NAME_FROM_CONTENT.has(roleOf(element))) {
      const content = normalise(textOf(element));
      if (content) return content;
    }
    if (element.tagName === "INPUT" && ["button", "submit", "reset"].includes(element.type)) return normalise(element.value);
    return normalise(element.getAttribute("title") || element.getAttribute("placeholder"));
  }

  function sameText(actual, wanted, contains) {
    if (contains) return actual.toLowerCase().includes(normalise(wanted).toLowerCase());
    return actual === normalise(wanted);
  }

  function matches(element, q) {
    if (q.role !== undefined && roleOf(element) !== q.role) return false;
    if (q.level !== undefined) {
      const level = element.getAttribute("aria-level") || element.tagName.slice(1);
      if (Number(level) !== q.level) return false;
    }
    if (q.label !== undefined && !(FIELDS.has(roleOf(element)) && sameText(nameOf(element), q.label, false))) return false;
    if (q.name !== undefined && !sameText(nameOf(element), q.name, false)) return false;
    if (q.nameContains !== undefined && !sameText(nameOf(element), q.nameContains, true)) return false;
    const text = q.text !== undefined ? q.text : q.textContains;
    if (text !== undefined && !sameText(normalise(textOf(element)), text, q.text === undefined)) return false;
    return isVisible(element);
  }

  function search(scope, q) {
    const found = Array.from(scope.querySelectorAll("*")).filter((element) => matches(element, q));
    // Text alone matches every ancestor too: keep the innermost.
    const byTextOnly = q.role === undefined && (q.text !== undefined || q.textContains !== undefined);
    if (byTextOnly) return found.filter((element) => !found.some((other) => other !== element && element.contains(other)));
    return found;
  }

  function resolve(q) {
    let scope = document;
    if (q.within) {
      scope = resolve(q.within);
      if (!scope) return null;
    }
    return search(scope, q)[0] || null;
  }

  return resolve(query);
}

/** A query in words, for messages: `the button "Save" in the dialog`. */
export function describe(query) {
  const parts = [];
  if (query.level !== undefined) parts.push(`level-${query.level}`);
  if (query.role !== undefined) parts.push(query.role);
  if (query.label !== undefined) parts.push(`field labelled "${query.label}"`);
  if (query.name !== undefined) parts.push(`"${query.name}"`);
  if (query.nameContains !== undefined) parts.push(`named like "${query.nameContains}"`);
  if (query.text !== undefined) parts.push(`text "${query.text}"`);
  if (query.textContains !== undefined) parts.push(`text containing "${query.textContains}"`);
  const own = `the ${parts.join(" ")}`;
  return query.within ? `${own} in ${describe(query.within)}` : own;
}

/**
 * What covers the middle of `element`, in words, or null when nothing does:
 * for a click that was intercepted. Runs in the page.
 */
export function coverOf(element) {
  const box = element.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!top || top === element || element.contains(top)) return null;
  const holder = top.closest("[role=status], [role=dialog], [role=alert]") || top;
  const text = (holder.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80);
  const classes = top.getAttribute("class");
  return `<${top.tagName.toLowerCase()}${classes ? ` class="${classes}"` : ""}> showing "${text}"`;
}
