// Derived lookup keys stored beside a record so search and dedupe use an index, not a scan.

/** Lower-case, accents and punctuation removed, words in sorted order ("Rivera, Ana" = "ana rivera"). */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(" ");
}

/** The last ten digits of a phone number, or null when it has fewer than seven. */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D+/g, "");
  if (digits.length < 7) return null;
  return digits.length > 10 ? digits.slice(-10) : digits;
}
