// The crm pack's offline write intents: add a note, create a task or callback, change a phone or email.
// Each finds the customer first, then asks the kernel, which turns the change into a proposal.
import { cleanName, resolveCustomer } from "./find-customer.ts";
import { type IntentContext, type IntentStep, notOffered, type OfflineIntent, resultsOf } from "./intent.ts";
import { normalize, type Utterance } from "./normalize.ts";
import { outcomeSentence, when } from "./say.ts";
import { dueTimeFrom } from "./when.ts";

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** After a write tool answered: its outcome in words, or the call to make. */
function writeOnce(ctx: IntentContext, tool: string, input: Record<string, unknown>, after = ""): IntentStep {
  const done = resultsOf(ctx, tool)[0];
  if (!done) return { calls: [{ tool, input }] };
  return { say: `${outcomeSentence(done.result)}${done.result.status === "proposed" ? after : ""}` };
}

const NOTE =
  /^(?:can you |could you |please |i want to |i need to |go ahead and |let us )*(?:add|put|leave|make|write|log|drop|stick|save) (?:a |an |the )?(?:quick |short |internal )?note (?:to|on|for|in|onto|under|about) (.+)$|^note (?:to|on|for) (.+)$/;
const NOTE_SEPARATORS = [" saying ", " that says ", " says ", " to say ", " reading ", " that "];

interface NoteCandidate {
  query: string;
  value: string;
}

/** Where the name ends and the note begins: a colon, a "saying", or else every short prefix is tried as a name. */
function noteCandidates(u: Utterance, rest: string): NoteCandidate[] {
  const colon = u.raw.indexOf(":");
  if (colon >= 0) {
    const before = u.raw.slice(0, colon);
    const m = normalize(before).text.match(NOTE);
    const name = cleanName((m?.[1] ?? m?.[2] ?? "").split(" "));
    return [{ query: name, value: u.raw.slice(colon + 1).trim() }];
  }
  for (const separator of NOTE_SEPARATORS) {
    const at = rest.indexOf(separator);
    if (at > 0) return [{ query: cleanName(rest.slice(0, at).split(" ")), value: rest.slice(at + separator.length) }];
  }
  const words = rest.split(" ");
  const out: NoteCandidate[] = [];
  for (let n = Math.min(4, words.length - 1); n >= 1; n -= 1) {
    out.push({ query: cleanName(words.slice(0, n)), value: words.slice(n).join(" ") });
  }
  return out.length > 0 ? out : [{ query: cleanName(words), value: "" }];
}

export const addNote: OfflineIntent = {
  name: "crm.add_note",
  help: `add a note — "add a note to rivera: left voicemail", "note on rivera left voicemail"`,
  match(u) {
    const m = u.text.match(NOTE);
    const rest = m?.[1] ?? m?.[2];
    if (!rest) return null;
    const candidates = noteCandidates(u, rest);
    return (ctx) => {
      if (!ctx.offers("crm.add_note")) return notOffered(ctx, "add notes");
      const found = resolveCustomer(ctx, candidates);
      if ("step" in found) return found.step;
      const body = found.candidate.trim();
      if (!body)
        return {
          say: `What should the note on ${found.customer.name} say? For example: "add a note to ${found.customer.name}: left voicemail".`,
        };
      return writeOnce(ctx, "crm.add_note", { customerId: found.customer.id, body });
    };
  },
};

const TASK =
  /^(?:can you |could you |please |go ahead and )*(?:remind me to|reminder to|set a reminder to|remember to|create a task to|create a task|add a task to|add a task|new task|make a task to|make a task|create a callback|schedule a callback|schedule a call back|add a callback|set a callback|set up a callback|set a call back|book a callback|put in a callback)\s*[:,-]?\s*(?:for |with |to )?(.*)$/;
const CONTACT =
  /^(?:call back|callback|call|ring|phone|follow up with|follow up on|check in with|text|email|get back to)\s+(.+)$/;
const NAME_STOP = /\s+(?:about|re|regarding|on|to|for|and|at|by|before|after|tomorrow|today|tonight|next|this|in)\b.*$/;

/** True when the customer search for `name` already ran and found no one at all (not an ambiguous list). */
function searchFoundNobody(ctx: Parameters<typeof resolveCustomer>[0], name: string): boolean {
  const done = resultsOf(ctx, "crm.search_customers").filter((s) => s.input.query === name);
  return (
    done.length > 0 &&
    done.every((s) => {
      const data = s.result.status === "ok" ? (s.result.data as { customers?: unknown[] }) : null;
      return data !== null && (data.customers?.length ?? 0) === 0;
    })
  );
}

export const createTask: OfflineIntent = {
  name: "crm.create_task",
  help: `create a task or callback — "remind me to call back rivera tomorrow at 10"`,
  match(u) {
    const m = u.text.match(TASK);
    const callbackFirst = u.text.match(
      /^(?:call back|callback|follow up with)\s+(.+?)\s+(?:tomorrow|today|tonight|next|on|at|this|in)\b/,
    );
    const rest = m ? (m[1] ?? "").trim() : callbackFirst ? u.text : null;
    if (rest === null) return null;
    const isCallbackWording = /^(?:create|schedule|add) a call ?back/.test(u.text);
    return (ctx) => {
      if (!ctx.offers("crm.create_task")) return notOffered(ctx, "create tasks");
      const due = dueTimeFrom(rest, ctx.now, ctx.timeZone);
      let what = rest;
      for (const phrase of due?.phrases ?? []) what = what.replace(phrase, " ");
      what = what.replace(/\s+/g, " ").trim();
      if (!what)
        return { say: `What should the task say? For example: "remind me to call back rivera tomorrow at 10".` };
      const contact = what.match(CONTACT);
      const namedForCallback = isCallbackWording ? what : null;
      const nameWords = contact?.[1] ?? namedForCallback;
      const kind =
        contact && /^(call|callback|ring|phone|get back)/.test(what)
          ? "callback"
          : isCallbackWording
            ? "callback"
            : /\bquote\b/.test(what)
              ? "quote_chase"
              : "task";
      const dueInput = due ? { dueAt: due.dueAt } : {};
      if (!nameWords) return writeOnce(ctx, "crm.create_task", { title: capitalize(what), kind, ...dueInput });
      const name = cleanName(nameWords.replace(NAME_STOP, "").split(" "));
      // "create a task: call the supply house" — nobody by that name is a customer, so it is a plain to-do.
      if (!isCallbackWording && searchFoundNobody(ctx, name)) {
        return writeOnce(ctx, "crm.create_task", { title: capitalize(what), kind: "task", ...dueInput });
      }
      const found = resolveCustomer(ctx, [{ query: name, value: null }]);
      if ("step" in found) return found.step;
      const title = capitalize(
        isCallbackWording ? `call back ${found.customer.name}` : what.replace(name, found.customer.name),
      );
      const dueWords = due ? `, due ${when(due.dueAt, ctx.timeZone)}` : "";
      return writeOnce(
        ctx,
        "crm.create_task",
        { customerId: found.customer.id, title, kind, ...dueInput },
        dueWords ? ` (${kind}${dueWords})` : "",
      );
    };
  },
};

const FIELD = "(phone number|phone|cell number|cell|mobile number|mobile|number|email address|email|e mail)";
const UPDATE_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `^(?:can you |could you |please |go ahead and )*(?:change|update|set|fix|correct|switch) (?:the )?(.+?) ${FIELD} (?:number )?(?:to|as|is) (.+)$`,
  ),
  new RegExp(`^(?:the )?new ${FIELD} for (.+?) is (.+)$`),
];

function phoneValue(words: string): string | null {
  const digits = words.replace(/\D+/g, "");
  const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  if (ten.length === 10) return `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}`;
  return ten.length >= 7 && ten.length <= 15 ? ten : null;
}

function emailValue(words: string): string | null {
  const email = words
    .replace(/\s+at\s+/g, "@")
    .replace(/\s+dot\s+/g, ".")
    .replace(/\s+/g, "");
  return /^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(email) ? email : null;
}

export const updateContact: OfflineIntent = {
  name: "crm.update_customer",
  help: `change a phone or email — "change rivera's phone to 303 555 0188"`,
  match(u) {
    let name = "";
    let field = "";
    let value = "";
    for (const [i, pattern] of UPDATE_PATTERNS.entries()) {
      const m = u.text.match(pattern);
      if (!m) continue;
      [name, field, value] = i === 0 ? [m[1] ?? "", m[2] ?? "", m[3] ?? ""] : [m[2] ?? "", m[1] ?? "", m[3] ?? ""];
      break;
    }
    if (!name) return null;
    const isEmail = field.includes("mail");
    const parsed = isEmail ? emailValue(value) : phoneValue(value);
    const query = cleanName(name.split(" "));
    return (ctx) => {
      if (!ctx.offers("crm.update_customer")) return notOffered(ctx, "change customer records");
      if (!parsed) {
        return {
          say: isEmail
            ? `"${value}" doesn't look like an email address. Say it like "mike at example dot com".`
            : `"${value}" doesn't look like a phone number; I need at least 7 digits.`,
        };
      }
      const found = resolveCustomer(ctx, [{ query, value: null }]);
      if ("step" in found) return found.step;
      const patch = isEmail ? { email: parsed } : { phone: parsed };
      return writeOnce(ctx, "crm.update_customer", { customerId: found.customer.id, patch });
    };
  },
};
