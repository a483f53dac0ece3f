// The packs' pure modules on this phone: /pwa/field-core.js is bundled by the server from the very files its tools
// run (tools/survey sizing, tiers, flags, savings; tools/repair hazard screen and reading parser), so an answer
// given in a basement is the answer the office would give.

let core = null;

/** The bundle, loaded once (from the service worker's cache when there is no signal); null if it never loaded. */
export function loadCore() {
  core ??= import("/pwa/field-core.js").catch(() => {
    core = null;
    return null;
  });
  return core;
}

/**
 * The hazard screen on the device: the stop to show now (universal first), every stop found and the questions to
 * confirm; null when the words name no hazard. Words that report escalating a stop are the safe action, as on the
 * server, and are let through.
 */
export async function screenOnDevice(text) {
  const found = await loadCore();
  if (!found || /\bescalat\w*\b/i.test(text)) return null;
  const scan = found.scanForHazards(text);
  const primary = scan.stops.find((stop) => stop.type === "universal") ?? scan.stops[0];
  return primary ? { stop: primary, stops: scan.stops, confirm: scan.confirm } : null;
}

/** What a stop says aloud: the seed's message and its action. */
export function spokenStop(stop) {
  return `Stop. ${stop.message} ${stop.action}.`;
}
