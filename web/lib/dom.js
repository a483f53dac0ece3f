// Building DOM from data without markup: every string becomes a text node or an attribute value, never HTML.
// The whole UI renders through `el`, so no data is ever parsed as markup.

/**
 * el("p", { class: "note" }, "text", child) — attributes via setAttribute, `on*` keys as listeners,
 * strings and numbers as text nodes, null/false skipped, arrays flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** "openQuoteValueCents" → "Open quote value". */
export function humanize(key) {
  const words = String(key)
    .replace(/Cents$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Enum values such as "quote_chase" read as words. */
const SNAKE_WORD = /^[a-z]+(?:_[a-z]+)+$/;

export function formatMoney(cents) {
  return (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
}

export function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
}

/** A field's value in words: money from *Cents keys, times from ISO strings, "—" for nothing. */
export function formatValue(key, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number" && /Cents$/.test(key)) return formatMoney(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" && ISO_TIME.test(value)) return formatWhen(value);
  if (typeof value === "string" && SNAKE_WORD.test(value)) return value.replaceAll("_", " ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
