// The approval card: a proposal's summary, its before/after diff, risk and who may approve, and Approve / Reject /
// Edit only when the server says this person may decide. Every click is re-checked by the kernel on the server.
import { api } from "./api.js";
import { append, clear, el, formatValue, formatWhen } from "./dom.js";

const OUTCOME_WORDS = {
  applied: "Approved and applied.",
  rejected: "Rejected; nothing changed.",
  failed: "Approved, but applying it failed; nothing changed.",
  approved: "Approved; applying it now.",
  expired: "This proposal expired before anyone decided.",
  superseded: "This proposal was edited into a newer version.",
};

/**
 * A live card for one proposal; `input` (the tool input) seeds the Edit box when the server does not send it.
 * `known` is the server's can-decide answer when the caller already has it (the review queue), saving a request.
 */
export function approvalCard(proposal, input, known) {
  const card = el("article", { class: "card approval" });
  const state = { proposal, input, decision: null, editing: false, outcome: null, busy: false };
  // A suggestion's why (reasoning, confidence, evidence) comes with the queue, not with a decision's answer: keep it.
  const why = suggestionFacts(proposal);

  const render = () => {
    const p = state.proposal;
    card.setAttribute("data-proposal-id", p.id);
    card.setAttribute("data-status", p.status);
    card.setAttribute(
      "data-may-decide",
      state.decision === null ? "checking" : state.decision.mayDecide ? "yes" : "no",
    );
    append(clear(card), [
      el(
        "header",
        {},
        el("h3", {}, "Proposal ", p.id, p.version > 1 ? ` (version ${p.version})` : ""),
        el("span", { class: `badge risk risk-${p.risk}` }, `${p.risk} risk`),
        el("span", { class: `badge status status-${p.status}`, "data-role": "status" }, p.status),
      ),
      el("p", { class: "summary" }, p.preview.summary),
      why,
      diffTable(p.preview.changes),
      el("p", { class: "who" }, el("strong", {}, "Who may approve: "), p.approver.rule),
      el("p", { class: "meta" }, `Asked by ${p.requestedBy} · ${p.tool} · expires ${formatWhen(p.expiresAt)}`),
      p.failure ? el("p", { class: "notice refusal" }, p.failure.reason) : null,
      p.status === "applied" && p.result !== undefined ? el("p", { class: "meta" }, "Result recorded.") : null,
      actions(),
      state.outcome ? el("p", { class: "outcome", role: "status" }, state.outcome) : null,
    ]);
  };

  const actions = () => {
    const refresh = el(
      "button",
      { type: "button", class: "secondary", "data-action": "refresh", onclick: refreshStatus },
      "Refresh status",
    );
    if (state.decision === null)
      return el("div", { class: "actions" }, el("span", { class: "meta" }, "Checking who may decide…"));
    if (!state.decision.mayDecide) {
      return el(
        "div",
        { class: "actions" },
        state.proposal.status === "pending"
          ? el(
              "p",
              { class: "notice", "data-role": "cannot-decide" },
              "You cannot decide this one: ",
              state.decision.reason ?? "",
            )
          : null,
        refresh,
      );
    }
    if (state.editing) return editor();
    return el(
      "div",
      { class: "actions" },
      el(
        "button",
        {
          type: "button",
          class: "approve",
          "data-action": "approve",
          disabled: state.busy,
          onclick: () => decide("approve"),
        },
        "Approve",
      ),
      el(
        "button",
        {
          type: "button",
          class: "reject",
          "data-action": "reject",
          disabled: state.busy,
          onclick: () => decide("reject"),
        },
        "Reject",
      ),
      el(
        "button",
        { type: "button", class: "secondary", "data-action": "edit", disabled: state.busy, onclick: startEdit },
        "Edit",
      ),
      refresh,
    );
  };

  const editor = () => {
    const box = el("textarea", {
      rows: 8,
      spellcheck: "false",
      "aria-label": "New input as JSON",
      "data-role": "edit-input",
    });
    box.value = JSON.stringify(state.input ?? {}, null, 2);
    const save = async () => {
      let parsed;
      try {
        parsed = JSON.parse(box.value);
      } catch (error) {
        state.outcome = `That is not valid JSON: ${error.message}`;
        render();
        return;
      }
      await submit(`/api/proposals/${encodeURIComponent(state.proposal.id)}/edit`, { input: parsed }, parsed);
    };
    return el(
      "div",
      { class: "actions editor" },
      el("label", {}, "New input (JSON) — saving makes a new version that needs its own approval"),
      box,
      el("button", { type: "button", class: "approve", "data-action": "save-edit", onclick: save }, "Save new version"),
      el(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            state.editing = false;
            render();
          },
        },
        "Cancel",
      ),
    );
  };

  const startEdit = () => {
    state.editing = true;
    state.outcome = null;
    render();
  };

  const decide = (decision) => submit(`/api/proposals/${encodeURIComponent(state.proposal.id)}/${decision}`, {});

  /** Sends a decision or an edit; the kernel's answer (not the click) sets what the card shows. */
  const submit = async (path, body, editedInput) => {
    state.busy = true;
    render();
    const { body: result } = await api(path, { method: "POST", body });
    state.busy = false;
    state.editing = false;
    if (result?.proposal) {
      if (result.proposal.id !== state.proposal.id && editedInput !== undefined) state.input = editedInput;
      state.proposal = result.proposal;
    }
    if (result?.status === "refused") state.outcome = `Not done: ${result.failure?.reason ?? "refused"}`;
    else if (result?.status === "proposed")
      state.outcome = `Saved as ${result.proposal.id}; it needs its own approval.`;
    else if (result?.status === "stopped") state.outcome = `Stopped: ${result.stop?.message ?? ""}`;
    else state.outcome = OUTCOME_WORDS[state.proposal.status] ?? `Now ${state.proposal.status}.`;
    await checkRights();
  };

  async function refreshStatus() {
    const { ok, body } = await api(`/api/proposals/${encodeURIComponent(state.proposal.id)}`);
    if (ok && body?.proposal) {
      state.proposal = body.proposal;
      state.outcome = OUTCOME_WORDS[state.proposal.status] ?? null;
    }
    await checkRights();
  }

  /** Asks the server (the kernel's policy) whether this person may decide; the UI never works it out itself. */
  async function checkRights() {
    const { ok, body } = await api(`/api/proposals/${encodeURIComponent(state.proposal.id)}/can-decide`);
    state.decision =
      ok && body ? body : { mayDecide: false, reason: body?.failure?.reason ?? "The office could not say." };
    if (ok && body?.status && body.status !== state.proposal.status) {
      const fresh = await api(`/api/proposals/${encodeURIComponent(state.proposal.id)}`);
      if (fresh.ok && fresh.body?.proposal) state.proposal = fresh.body.proposal;
    }
    if (body?.input !== undefined) state.input = body.input;
    render();
  }

  card.refreshStatus = refreshStatus;
  if (known) {
    state.decision = { mayDecide: known.mayDecide, reason: known.reason ?? null };
    if (known.input !== undefined) state.input = known.input;
    render();
  } else {
    render();
    void checkRights();
  }
  return card;
}

/** Why the office suggested this: its reasoning, confidence and the records it points to (null for a person's ask). */
function suggestionFacts(p) {
  const hasConfidence = typeof p.confidence === "number";
  const evidence = Array.isArray(p.evidenceRefs) ? p.evidenceRefs : [];
  if (!p.reasoning && !hasConfidence && evidence.length === 0) return null;
  const fact = (label, role, value) =>
    el("div", { class: "fact" }, el("dt", {}, label), el("dd", { "data-role": role }, value));
  return el(
    "dl",
    { class: "facts why" },
    p.reasoning ? fact("Why", "reasoning", p.reasoning) : null,
    hasConfidence ? fact("Confidence", "confidence", `${Math.round(p.confidence * 100)}%`) : null,
    evidence.length > 0 ? fact("Evidence", "evidence", evidence.join(", ")) : null,
  );
}

/** The preview's field changes: what each record holds now and what it would hold. */
function diffTable(changes) {
  if (!changes || changes.length === 0) return el("p", { class: "meta" }, "No field changes listed.");
  return el(
    "div",
    { class: "table-wrap" },
    el(
      "table",
      { class: "diff" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, "Record"),
          el("th", { scope: "col" }, "Field"),
          el("th", { scope: "col" }, "Before"),
          el("th", { scope: "col" }, "After"),
        ),
      ),
      el(
        "tbody",
        {},
        changes.map((ch) =>
          el(
            "tr",
            {},
            el("td", { "data-label": "Record" }, ch.entity, ch.id ? ` ${ch.id}` : " (new)"),
            el("td", { "data-label": "Field" }, ch.field),
            el("td", { "data-label": "Before" }, el("del", {}, formatValue(ch.field, ch.before))),
            el("td", { "data-label": "After" }, el("ins", {}, formatValue(ch.field, ch.after))),
          ),
        ),
      ),
    ),
  );
}
