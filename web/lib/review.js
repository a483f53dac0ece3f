// The review queue: pending proposals grouped by the trigger that raised them (then governed changes, then what
// people asked), each as an approval card with its why and diff, and bulk approval of several low-risk ones. Every
// decision, bulk or single, is made by the kernel on the server, one proposal at a time.
import { api } from "./api.js";
import { approvalCard } from "./approval.js";
import { refusalNotice } from "./cards.js";
import { append, clear, el } from "./dom.js";

export async function startReview() {
  const list = document.getElementById("queue");
  const bar = document.getElementById("bulk");
  const count = bar?.querySelector('[data-role="selected-count"]');
  const button = bar?.querySelector('[data-action="bulk-approve"]');
  const outcome = bar?.querySelector('[data-role="bulk-outcome"]');
  /** id → { card, box } for every proposal that may be picked for bulk approval. */
  const pickable = new Map();

  const picked = () =>
    [...pickable]
      .filter(([, { card, box }]) => box.checked && card.getAttribute("data-status") === "pending")
      .map(([id]) => id);

  const updateBar = () => {
    if (!bar) return;
    bar.hidden = pickable.size === 0;
    const n = picked().length;
    count.textContent = `${n} selected`;
    button.disabled = n === 0;
  };

  const pickBox = (item, card) => {
    // Only what this person may decide, and only low risk: the server refuses anything else in bulk anyway.
    if (item.risk !== "low" || !item.mayDecide) return null;
    const box = el("input", {
      type: "checkbox",
      value: item.id,
      "data-role": "bulk-select",
      "aria-label": `Pick ${item.id} for bulk approval`,
      onchange: updateBar,
    });
    pickable.set(item.id, { card, box });
    return el("label", { class: "bulk-pick" }, box, " Pick for bulk approval");
  };

  const groupSection = (group) => {
    const items = group.proposals.map((item) => {
      const card = approvalCard(item, item.input, {
        mayDecide: item.mayDecide,
        reason: item.reason,
        input: item.input,
      });
      return { item, card, pick: pickBox(item, card) };
    });
    const boxes = items.filter((i) => i.pick).map((i) => pickable.get(i.item.id).box);
    const all =
      boxes.length > 1
        ? el(
            "label",
            { class: "bulk-pick" },
            el("input", {
              type: "checkbox",
              "data-action": "select-group",
              onchange: (event) => {
                for (const box of boxes) box.checked = event.target.checked;
                updateBar();
              },
            }),
            ` Pick all ${boxes.length} low-risk`,
          )
        : null;
    return el(
      "details",
      { class: "review-group", open: true, "data-group": group.key, "data-kind": group.kind },
      el(
        "summary",
        {},
        el("span", { class: "group-label" }, group.label),
        " ",
        el("span", { class: "badge", "data-role": "group-count" }, String(group.count)),
      ),
      all,
      items.map(({ item, card, pick }) => el("div", { class: "review-item", "data-proposal-id": item.id }, pick, card)),
    );
  };

  const load = async () => {
    pickable.clear();
    if (outcome) outcome.textContent = "";
    clear(list).append(el("p", { class: "meta" }, "Loading the queue…"));
    const { ok, body } = await api("/api/review.json");
    clear(list);
    if (!ok) {
      list.append(refusalNotice(body?.failure));
      updateBar();
      return;
    }
    if (body.groups.length === 0) {
      list.append(el("p", { class: "notice", "data-role": "empty" }, "Nothing is waiting for a decision."));
    }
    append(list, body.groups.map(groupSection));
    updateBar();
  };

  const approvePicked = async () => {
    const ids = picked();
    if (ids.length === 0) return;
    button.disabled = true;
    outcome.textContent = `Approving ${ids.length}…`;
    const { ok, body } = await api("/api/proposals/bulk-decide", {
      method: "POST",
      body: { ids, decision: "approve" },
    });
    if (!ok) {
      outcome.textContent = `Not done: ${body?.failure?.reason ?? "the office refused."}`;
      updateBar();
      return;
    }
    // Each card asks the server for its proposal again: what it shows is the kernel's answer, not the click.
    await Promise.all(
      body.results.map(async (r) => {
        const entry = pickable.get(r.id);
        if (!entry) return;
        await entry.card.refreshStatus();
        entry.box.checked = false;
        entry.box.disabled = entry.card.getAttribute("data-status") !== "pending";
      }),
    );
    const applied = body.results.filter((r) => r.proposalStatus === "applied").length;
    const refused = body.results.filter((r) => r.status === "refused");
    outcome.textContent = [
      `${applied} approved and applied.`,
      ...refused.map((r) => `${r.id} not done: ${r.failure?.reason ?? "refused"}`),
    ].join(" ");
    updateBar();
  };

  button?.addEventListener("click", () => void approvePicked());
  document.getElementById("reload")?.addEventListener("click", () => void load());
  await load();
}
