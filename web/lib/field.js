// The field page: what a tech or salesperson needs in a basement. The last snapshot the server gave this person (today,
// the customer, property and job in hand, their profile and gates, the price book as their role sees it), sizing and
// savings computed on the phone from the packs' own modules, and readings and notes queued until the signal returns.
// A hazard in anything typed stops the job here and now; nothing on this page approves or applies anything.
import { hardStopBanner, renderCall, table } from "./cards.js";
import { append, clear, el, formatValue } from "./dom.js";
import { inHand, inHandQuery, remember } from "./in-hand.js";
import { loadCore, screenOnDevice } from "./offline-core.js";
import { enqueue, listItems, removeItem, replayQueue, requeue } from "./offline-queue.js";
import { isOnline } from "./offline-status.js";

const STOPPED_KEY = "office.stoppedJobs";
const CHAT_ID_KEY = "office.chatId";

const $ = (id) => document.getElementById(id);

function chatId() {
  let id = localStorage.getItem(CHAT_ID_KEY);
  if (!id || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
    id = crypto.randomUUID();
    localStorage.setItem(CHAT_ID_KEY, id);
  }
  return id;
}

function stoppedJobs() {
  try {
    return JSON.parse(localStorage.getItem(STOPPED_KEY) ?? "{}");
  } catch {
    return {};
  }
}

function numberOf(input) {
  const value = input.value.trim();
  if (value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function when(iso) {
  return iso ? formatValue("at", iso) : "";
}

/** Queues a change and, when there is signal, sends it straight away (the same path either way). */
async function queueChange(item) {
  const queued = await enqueue(item);
  if (isOnline()) await replayQueue();
  return queued;
}

// ---------------------------------------------------------------- the snapshot

async function fetchSnapshot() {
  let response;
  try {
    response = await fetch(`/api/field/snapshot.json${inHandQuery()}`, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
  } catch {
    return { snapshot: null, offline: true, savedAt: null };
  }
  if (response.status === 401) {
    window.location.assign("/login?failed=expired");
    return { snapshot: null, offline: false, savedAt: null };
  }
  const body = await response.json().catch(() => null);
  return {
    snapshot: response.ok ? body : null,
    offline: response.headers.get("x-office-offline") === "1",
    savedAt: response.headers.get("x-office-saved-at") ?? body?.generatedAt ?? null,
  };
}

function profileCard(part) {
  if (part?.status !== "ok") return null;
  const profile = part.data;
  return el(
    "section",
    { class: "card profile", "data-tool": "repair.get_tech_profile" },
    el("h3", {}, "Your profile: ", profile.name ?? profile.techId),
    el(
      "dl",
      { class: "facts" },
      el("div", { class: "fact" }, el("dt", {}, "Level"), el("dd", {}, profile.level ?? "—")),
      el("div", { class: "fact" }, el("dt", {}, "EPA"), el("dd", {}, profile.epaType ?? "—")),
      el(
        "div",
        { class: "fact", "data-fact": "gates" },
        el("dt", {}, "Gates you hold"),
        el("dd", {}, (profile.gates ?? []).length > 0 ? profile.gates.join(", ") : "none (baseline work only)"),
      ),
    ),
  );
}

function surveyCard(part) {
  if (part?.status !== "ok") return renderCall(part);
  const survey = part.data;
  const p = survey.data?.property ?? {};
  return el(
    "section",
    { class: "card survey", "data-survey-id": survey.id, "data-version": survey.version },
    el("h3", {}, "Survey at ", [p.street, p.city, p.state].filter(Boolean).join(", ")),
    el(
      "dl",
      { class: "facts" },
      el("div", { class: "fact" }, el("dt", {}, "Square feet"), el("dd", {}, formatValue("sqft", p.sqft))),
      el("div", { class: "fact" }, el("dt", {}, "Year built"), el("dd", {}, formatValue("yearBuilt", p.yearBuilt))),
      el("div", { class: "fact" }, el("dt", {}, "Version"), el("dd", {}, String(survey.version))),
    ),
  );
}

function priceBookCard(part) {
  if (part?.status !== "ok") return null;
  const items = part.data?.items ?? [];
  return el(
    "section",
    { class: "card price-book", "data-tool": "pricing.list_items" },
    el("h3", {}, `Price book (${items.length})`),
    table(items),
  );
}

// ---------------------------------------------------------------- sizing on the phone

function sizeOnDevice(core, form) {
  const sqft = numberOf(form.sqft);
  const yearBuilt = numberOf(form.yearBuilt);
  const installedTons = numberOf(form.installedTons);
  const state = (form.state.value.trim() || "CO").toUpperCase();
  const fuel = form.heatingFuel.value;
  const category = form.proposed.value === "heat_pump" ? "heat_pump" : "furnace_boiler";
  const sizing = core.sizeHome({ sqft, yearBuilt, installedTons });
  const systemType = fuel === "heat_pump" ? "heat_pump" : "furnace";
  const equipmentFuel = fuel === "heat_pump" || fuel === "electric_resistance" ? "electric" : fuel;
  const flags = core.flagSystem({
    type: systemType,
    fuel: equipmentFuel,
    ageYears: numberOf(form.ageYears),
    condition: null,
  });
  const rates = core.ratesFor({ state });
  const today = new Date();
  const tiers = core.tiersFor(category).map((tier) => {
    let savings = null;
    try {
      savings = core.savingsProfile({
        heatingBtu: sizing.heatingBtu,
        climateZone: core.climateZoneForState(state),
        current: { fuel },
        proposed: { category, tier: tier.level },
        rates,
        today,
      });
    } catch {
      savings = null;
    }
    return { tier, savings };
  });
  return { sizing, flags, tiers, sqft, yearBuilt };
}

function sizingView(result) {
  const { sizing, flags, tiers } = result;
  const footnote = tiers.find((t) => t.savings?.footnote)?.savings.footnote;
  return el(
    "div",
    { class: "size-result", "data-source": "device" },
    el(
      "dl",
      { class: "kpis" },
      el(
        "div",
        { class: "kpi", "data-result": "tons" },
        el("dt", {}, "Cooling"),
        el("dd", {}, sizing.coolingTons === null ? "—" : `${sizing.coolingTons} tons`),
      ),
      el(
        "div",
        { class: "kpi", "data-result": "heating" },
        el("dt", {}, "Heating"),
        el(
          "dd",
          {},
          sizing.heatingBtu
            ? `${sizing.heatingBtu.low.toLocaleString("en-US")}–${sizing.heatingBtu.high.toLocaleString("en-US")} BTU/h`
            : "—",
        ),
      ),
    ),
    sizing.verifySizing
      ? el(
          "div",
          { class: "notice refusal", "data-result": "verify" },
          el("strong", {}, "Office to verify sizing. "),
          sizing.reasons.join(" "),
        )
      : null,
    flags.length > 0
      ? el(
          "ul",
          { class: "flags", "data-result": "flags" },
          flags.map((flag) => el("li", { "data-flag": flag.code }, flag.message)),
        )
      : null,
    el("h4", {}, "Good / Better / Best"),
    table(
      tiers.map(({ tier, savings }) => ({
        tier: tier.level,
        equipment: tier.label,
        savingsPerYear: savings
          ? `$${savings.range.low.toLocaleString("en-US")}–$${savings.range.high.toLocaleString("en-US")}`
          : "—",
        confidence: savings?.tierLabel ?? "—",
      })),
      ["tier", "equipment", "savingsPerYear", "confidence"],
    ),
    footnote ? el("p", { class: "meta footnote" }, footnote) : null,
    el("p", { class: "meta" }, "Worked out on this phone with the office's own formulas; an estimate in ranges."),
  );
}

// ---------------------------------------------------------------- the page

export async function startField() {
  const params = new URLSearchParams(window.location.search);
  for (const kind of ["customer", "job", "survey"]) for (const id of params.getAll(kind)) remember(kind, id);
  let snapshot = null;
  void loadCore();

  const stops = $("stops");
  const saved = $("saved");
  const jobSelect = $("job-id");
  const customerSelect = $("note-customer");

  const showStop = (found, where) => {
    const banner = hardStopBanner(found.stop);
    banner.dataset.source = "device";
    banner.dataset.stopId = found.stop.stopId;
    if (where) banner.append(el("p", { class: "meta" }, where));
    for (const question of found.confirm ?? []) banner.append(el("p", {}, question));
    clear(stops).append(banner);
    banner.scrollIntoView?.({ block: "center" });
  };

  const renderJob = () => {
    const jobId = jobSelect.value;
    const slot = $("job-step");
    clear(slot);
    const stopped = jobId ? stoppedJobs()[jobId] : null;
    const panel = $("job-panel");
    panel.dataset.stopped = stopped ? "yes" : "no";
    $("record-reading").disabled = !jobId || Boolean(stopped);
    if (!jobId) {
      slot.append(el("p", { class: "meta" }, "No job in hand. Open one in the chat, or add ?job=<id> to this page."));
      return;
    }
    if (stopped) {
      slot.append(
        hardStopBanner(stopped),
        el("p", { class: "meta" }, "This job is stopped on this phone. Escalate to the office."),
      );
      return;
    }
    const part = snapshot?.jobs?.find((p) => p.input?.jobId === jobId);
    if (!part) {
      slot.append(el("p", { class: "meta" }, "Nothing saved for this job yet; readings still queue."));
      return;
    }
    if (part.status === "ok" && part.data?.kind === "step") {
      const step = part.data.step;
      slot.append(
        el(
          "div",
          { class: "notice step", "data-step-id": step.stepId, "data-unit": step.expects?.unit ?? "" },
          el("strong", {}, "Next: ", step.title),
          el("p", {}, step.how),
        ),
      );
    } else slot.append(renderCall(part));
  };

  const renderSelects = () => {
    const hand = inHand();
    append(clear(jobSelect), [
      hand.job.length === 0
        ? el("option", { value: "" }, "(none)")
        : hand.job.map((id) => el("option", { value: id }, id)),
    ]);
    const customers = new Map();
    for (const part of snapshot?.customers ?? []) {
      if (part.status === "ok") customers.set(part.data.customer.id, part.data.customer.name);
    }
    for (const id of hand.customer) if (!customers.has(id)) customers.set(id, id);
    for (const task of snapshot?.today?.data?.dueToday ?? []) {
      if (task.customerId && !customers.has(task.customerId)) customers.set(task.customerId, task.title);
    }
    append(clear(customerSelect), [
      customers.size === 0
        ? el("option", { value: "" }, "(no customer in hand)")
        : [...customers].map(([id, name]) => el("option", { value: id }, name)),
    ]);
    renderJob();
  };

  const renderSaved = (fetched) => {
    clear(saved);
    const status = $("saved-at");
    if (!snapshot) {
      status.textContent = fetched.offline
        ? "No signal, and nothing was saved on this phone yet. Open this page once with signal."
        : "The office did not answer.";
      return;
    }
    status.dataset.offline = fetched.offline ? "yes" : "no";
    status.textContent = fetched.offline
      ? `No signal: showing what was saved on this phone ${when(fetched.savedAt)}.`
      : `Up to date ${when(fetched.savedAt)}.`;
    append(saved, [
      el("h2", {}, "Saved for the field"),
      snapshot.today ? renderCall(snapshot.today) : null,
      profileCard(snapshot.profile),
      snapshot.customers.map((part) => renderCall(part)),
      snapshot.surveys.map((part) => surveyCard(part)),
      priceBookCard(snapshot.priceBook),
    ]);
    const survey = snapshot.surveys.find((part) => part.status === "ok");
    const state = survey?.data?.data?.property?.state;
    if (state && !$("state").dataset.touched) $("state").value = state;
  };

  const refresh = async () => {
    const fetched = await fetchSnapshot();
    if (fetched.snapshot) snapshot = fetched.snapshot;
    renderSaved(fetched);
    renderSelects();
  };

  // Sizing, tiers, flags and savings: computed here, with or without signal.
  $("state").addEventListener("input", (event) => {
    event.target.dataset.touched = "yes";
  });
  $("size-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const slot = clear($("size-result"));
    const core = await loadCore();
    if (!core) {
      slot.append(
        el(
          "p",
          { class: "notice refusal" },
          "The sizing tools are not on this phone yet; open this page once with signal.",
        ),
      );
      return;
    }
    const result = sizeOnDevice(core, event.target.elements);
    slot.append(sizingView(result));
    const survey = snapshot?.surveys?.find((part) => part.status === "ok")?.data;
    if (survey && result.sqft !== null) {
      const button = el(
        "button",
        { type: "button", class: "secondary", id: "save-to-survey" },
        "Save size to the survey",
      );
      button.addEventListener("click", async () => {
        button.disabled = true;
        const property = {
          sqft: Math.round(result.sqft),
          ...(result.yearBuilt ? { yearBuilt: result.yearBuilt } : {}),
        };
        // The edit carries the version it was based on: if the survey changed meanwhile, the office says conflict.
        await queueChange({
          kind: "tool",
          tool: "survey.update_survey",
          input: { surveyId: survey.id, patch: { property }, basisVersion: survey.version },
          label: `Survey ${survey.id}: ${property.sqft} sq ft${property.yearBuilt ? `, built ${property.yearBuilt}` : ""} (based on version ${survey.version})`,
        });
      });
      slot.append(button);
    }
  });

  // A reading: screened for hazards on the phone first; a stop wins and nothing is recorded.
  $("reading-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("reading").value.trim();
    const jobId = jobSelect.value;
    const result = clear($("job-result"));
    if (!text || !jobId) return;
    const found = await screenOnDevice(text);
    if (found) {
      const all = stoppedJobs();
      all[jobId] = found.stop;
      localStorage.setItem(STOPPED_KEY, JSON.stringify(all));
      showStop(found, `Job ${jobId} is stopped. Nothing was recorded.`);
      renderJob();
      // The office learns of it from the tech's own words (its own screen records the stop) once there is signal.
      await queueChange({
        kind: "chat",
        chatId: chatId(),
        text: `Job ${jobId}: ${text}`,
        channel: "web",
        label: `Hard stop on ${jobId}: ${text}`,
      });
      return;
    }
    const input = { jobId, text };
    const stepNode = $("job-step").querySelector("[data-step-id]");
    const core = await loadCore();
    if (stepNode && core) {
      const unit = stepNode.dataset.unit;
      const reading = core.parseReadings(text).find((r) => r.unit === unit);
      // The reading answers the step shown when it was taken, even if the call has moved on by the time it is sent.
      input.stepId = stepNode.dataset.stepId;
      if (reading) {
        input.value = reading.value;
        input.unit = reading.unit;
      }
    }
    await queueChange({ kind: "tool", tool: "repair.record_reading", input, label: `Reading on ${jobId}: ${text}` });
    $("reading").value = "";
    result.append(
      el(
        "p",
        { class: "notice", "data-role": "queued" },
        isOnline() ? "Sent to the office." : "Saved on this phone; it will be sent when the signal returns.",
      ),
    );
  });

  $("note-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("note-text").value.trim();
    const customerId = customerSelect.value;
    const result = clear($("note-result"));
    if (!text || !customerId) return;
    const found = await screenOnDevice(text);
    if (found) showStop(found, "Make the site safe first; the note is kept.");
    await queueChange({
      kind: "tool",
      tool: "crm.add_note",
      input: { customerId, body: text },
      label: `Note: ${text}`,
    });
    $("note-text").value = "";
    result.append(
      el(
        "p",
        { class: "notice", "data-role": "queued" },
        isOnline() ? "Sent to the office." : "Saved on this phone; it will be sent when the signal returns.",
      ),
    );
  });

  jobSelect.addEventListener("change", renderJob);
  $("send-now").addEventListener("click", () => void replayQueue());

  window.addEventListener("office-queue", (event) => renderQueue(event.detail?.items ?? []));
  window.addEventListener("office-replayed", () => {
    if (isOnline()) void refresh();
  });
  window.addEventListener("online", () => void refresh());
  renderQueue(await listItems());
  await refresh();
}

const STATE_WORDS = {
  waiting: "Waiting for signal",
  sending: "Sending…",
  sent: "Sent",
  conflict: "Conflict: not applied",
  refused: "Not done",
  stopped: "Hard stop",
};

function renderQueue(items) {
  const list = $("queue-items");
  if (!list) return;
  clear(list);
  if (items.length === 0) {
    list.append(el("li", { class: "meta" }, "Nothing made on this phone yet."));
    return;
  }
  for (const item of [...items].reverse()) {
    const actions = [];
    if (item.state === "conflict" || item.state === "refused") {
      const again = el("button", { type: "button", class: "secondary" }, "Send again");
      again.addEventListener("click", () => void requeue(item.key).then(() => replayQueue()));
      const drop = el("button", { type: "button", class: "secondary" }, "Discard");
      drop.addEventListener("click", () => void removeItem(item.key));
      actions.push(el("div", { class: "actions" }, again, drop));
    }
    list.append(
      el(
        "li",
        {
          class: `queue-item state-${item.state}`,
          "data-key": item.key,
          "data-state": item.state,
          "data-proposal-id": item.proposalId ?? null,
          "data-proposal-status": item.proposalStatus ?? null,
        },
        el("p", {}, el("strong", {}, STATE_WORDS[item.state] ?? item.state), " — ", item.label),
        item.text ? el("p", { class: "meta outcome-text" }, item.text) : null,
        item.state === "conflict"
          ? el("p", { class: "meta" }, "What you entered is kept here; the office's record was not overwritten.")
          : null,
        el("p", { class: "meta" }, "Made ", when(item.createdAt), item.sentAt ? ` · sent ${when(item.sentAt)}` : ""),
        actions,
      ),
    );
  }
}
