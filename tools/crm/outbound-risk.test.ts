// Risk scan of outbound drafts (skeleton seed, "Failure taxonomy": unsafe_outbound): each kind caught, clean drafts pass.
import { describe, expect, it } from "vitest";
import { isQuietTime, type OutboundRiskKind, type OutboundScanInput, scanOutbound } from "./outbound-risk.ts";

function draft(body: string, extra: Partial<OutboundScanInput> = {}): OutboundScanInput {
  return { body, channel: "sms", customer: { optedOut: [] }, ...extra };
}

const flagged: Array<[string, OutboundRiskKind, string]> = [
  // [draft body, kind expected, phrase the reason must quote]
  ["Act now to lock in this price!", "pressure_language", "Act now"],
  ["This is your last chance to book a tune-up at this price.", "pressure_language", "last chance"],
  ["We have only 2 slots left this week for installs.", "pressure_language", "only 2 slots left"],
  ["Only three openings remaining before the holidays.", "pressure_language", "Only three openings remaining"],
  ["Replace the water heater before it's too late.", "pressure_language", "before it's too late"],
  ["Your furnace could fail any day now, so let's schedule.", "pressure_language", "could fail any day now"],
  ["Honestly that boiler might die any day.", "pressure_language", "might die any day"],
  ["Don't wait until it breaks - call us.", "pressure_language", "Don't wait until it breaks"],
  ["Don't wait until your furnace dies in January.", "pressure_language", "Don't wait until your furnace dies"],
  ["Limited time: 10% off heat pump installs.", "pressure_language", "Limited time"],
  ["The discount expires tonight.", "pressure_language", "expires tonight"],
  ["This offer ends Friday.", "pressure_language", "offer ends"],
  ["Spots are filling fast for spring AC checks.", "pressure_language", "Spots are filling fast"],
  ["If you don't act now the price goes up.", "pressure_language", "act now"],
  ["Hurry, the tax season special won't last.", "pressure_language", "Hurry"],
  ["Your old unit is a ticking time bomb.", "pressure_language", "ticking time bomb"],
  ["An old furnace puts your family at risk.", "pressure_language", "puts your family at risk"],
  ["Don't miss out on spring pricing.", "pressure_language", "Don't miss out"],
  ["We guarantee you'll save on every bill.", "risky_claim", "guarantee you'll save"],
  ["Savings guaranteed with a new heat pump.", "risky_claim", "guaranteed"],
  ["This system will save you $600 a year.", "risky_claim", "will save you $6"],
  ["A tankless heater saves you $40 a month.", "risky_claim", "saves you $4"],
  ["It will cut your heating bill in half.", "risky_claim", "will cut your heating bill in half"],
  ["Get a free furnace with any AC install!", "risky_claim", "a free furnace"],
  ["We'll do the inspection for free.", "risky_claim", "for free"],
  ["Our installs are 100% safe.", "risky_claim", "100% safe"],
  ["Completely safe for your family, risk-free trial.", "risky_claim", "Completely safe"],
  ["We're licensed for everything, so no worries.", "risky_claim", "licensed for everything"],
  ["No permit needed for this swap, we can start Monday.", "risky_claim", "No permit"],
  ["Enjoy worry-free heating for 20 years.", "risky_claim", "worry-free"],
  ["You will get a $2,000 rebate on this heat pump.", "risky_claim", "You will get a $2,000 rebate on this heat pump."],
  ["There is a rebate of $1,500 from the utility.", "risky_claim", "There is a rebate of $1,500 from the utility."],
  ["You qualify for the $8,000 tax credit.", "risky_claim", "You qualify for the $8,000 tax credit."],
  ["You are eligible for the $500 rebate.", "risky_claim", "You are eligible for the $500 rebate."],
  ["It's free!", "risky_claim", "free"],
];

const clean: string[] = [
  "Hi Dana, this is Maple Heating. Your tune-up is booked for Tuesday between 8 and 10am. Reply if that doesn't work.",
  "Thanks for calling us today. Here is the quote we discussed: $4,850 for the new water heater, installed.",
  "No pressure, take your time. Let us know if you have questions about the quote.",
  "There's no need to act now; the quote is good for 30 days.",
  "This isn't a last chance offer, the price stands through the season.",
  "Feel free to call us at 555-0142 with any questions.",
  "Call our toll-free line any time.",
  "We offer a free estimate for all heat pump installs.",
  "Are you free Thursday afternoon for the survey?",
  "Let me know when you're free and we'll set up a visit.",
  "You may qualify for up to $2,000 in rebates, to be verified with the utility.",
  "Rebates of up to $8,000 may be available depending on income; we'll check eligibility with you.",
  "If you're eligible, the utility pays a rebate of $500 after inspection, to be verified.",
  "Our tech Sam is on the way and should arrive in about 20 minutes.",
  "All our work comes with a one-year labor warranty and the manufacturer's 10-year parts warranty.",
  "We pull every permit the town requires and schedule the inspection for you.",
  "We never work without a permit.",
  "The heat exchanger showed rust. It is still working, but we'd suggest watching it and checking again in the fall.",
  "Your invoice for the drain cleaning is attached. Thank you for your business!",
  "Just following up on the estimate we sent last week. Happy to answer any questions.",
  "Could you send a photo of the furnace label so we can look up the model?",
  "Reminder: your annual maintenance visit is due this month. Reply to book a time that suits you.",
  "We're fully licensed and insured. Our license number is on the quote.",
  "A heat pump could lower your bills; we'll run the numbers for your home at the survey.",
  "We can't guarantee the exact savings, but we'll show you our estimate and how we got it.",
  "Thanks for the review, Pat! It means a lot to our small team.",
  "We received your request and will call you back before 5pm.",
  "The part is on order and should arrive Wednesday; we'll call to schedule the install.",
  "Good news: the leak was a loose fitting. No charge beyond the service call.",
  "Happy to swing by for a second opinion if you'd like, at no cost.",
  "Please keep the area around the water heater clear before our visit tomorrow.",
  "Your quote expires in 30 days; after that we'd just re-check prices with the supplier.",
  "Your old unit still runs, so there's no rush. Take your time deciding.",
];

describe("scanOutbound: phrases a real office writes", () => {
  it.each(flagged)("flags %j as the right kind, quoting the phrase", (body, kind, phrase) => {
    const flags = scanOutbound(draft(body));
    const hit = flags.find((flag) => flag.kind === kind && flag.reason.includes(phrase));
    expect(hit, JSON.stringify(flags)).toBeDefined();
    expect(hit?.reason).toMatch(/"[^"]+"/);
  });

  it.each(clean.map((body) => [body]))("a clean draft %j raises no flag", (body) => {
    expect(scanOutbound(draft(body))).toEqual([]);
  });

  it("catches every flagged draft and lets every clean one through (precision and recall 1.0 on this table)", () => {
    const caught = flagged.filter(([body]) => scanOutbound(draft(body)).length > 0).length;
    const falseAlarms = clean.filter((body) => scanOutbound(draft(body)).length > 0);
    expect(caught).toBe(flagged.length);
    expect(falseAlarms).toEqual([]);
  });

  it("an email body is scanned the same way", () => {
    const flags = scanOutbound(draft("Act now, guaranteed savings!", { channel: "email" }));
    expect(flags.map((flag) => flag.kind)).toEqual(["pressure_language", "risky_claim"]);
  });
});

describe("scanOutbound: opt-out, quiet hours and send path", () => {
  it("a customer who opted out of SMS blocks an SMS draft but not an email", () => {
    const customer = { optedOut: ["sms"] };
    expect(scanOutbound(draft("Hi", { customer }))).toEqual([
      expect.objectContaining({ kind: "opt_out_conflict", reason: expect.stringContaining("text messages") }),
    ]);
    expect(scanOutbound(draft("Hi", { customer, channel: "email" }))).toEqual([]);
  });

  it("an email opt-out blocks an email draft; 'all' blocks both", () => {
    expect(scanOutbound(draft("Hi", { channel: "email", customer: { optedOut: ["email"] } }))[0]?.kind).toBe(
      "opt_out_conflict",
    );
    expect(scanOutbound(draft("Hi", { customer: { optedOut: ["all"] } }))[0]?.kind).toBe("opt_out_conflict");
  });

  it("a text at 21:30 Chicago time falls in the default 20:00–08:00 quiet hours", () => {
    const sendAt = new Date("2026-01-15T03:30:00Z"); // 21:30 the evening before in Chicago (UTC-6)
    const flags = scanOutbound(draft("Hi", { sendAt, timeZone: "America/Chicago" }));
    expect(flags).toEqual([expect.objectContaining({ kind: "quiet_hours", match: "21:30" })]);
    expect(flags[0]?.reason).toContain("America/Chicago");
  });

  it("a text at 10:00 local is fine, and 08:00 sharp is the end of quiet hours", () => {
    expect(
      scanOutbound(draft("Hi", { sendAt: new Date("2026-01-15T16:00:00Z"), timeZone: "America/Chicago" })),
    ).toEqual([]);
    expect(
      scanOutbound(draft("Hi", { sendAt: new Date("2026-01-15T14:00:00Z"), timeZone: "America/Chicago" })),
    ).toEqual([]);
  });

  it("custom quiet hours are honoured; email is not held by quiet hours unless asked", () => {
    const sendAt = new Date("2026-07-01T02:00:00Z"); // 22:00 in New York (UTC-4)
    const late = { sendAt, timeZone: "America/New_York" };
    expect(scanOutbound(draft("Hi", { ...late, quietHours: { startHour: 23, endHour: 7 } }))).toEqual([]);
    expect(scanOutbound(draft("Hi", { ...late, channel: "email" }))).toEqual([]);
    expect(
      scanOutbound(draft("Hi", { ...late, channel: "email", quietHoursChannels: ["sms", "email"] }))[0]?.kind,
    ).toBe("quiet_hours");
  });

  it("a send time without a time zone, or with an unknown zone, is flagged rather than guessed", () => {
    const sendAt = new Date("2026-01-15T16:00:00Z");
    expect(scanOutbound(draft("Hi", { sendAt }))[0]?.kind).toBe("quiet_hours");
    expect(scanOutbound(draft("Hi", { sendAt, timeZone: "Mars/Olympus" }))[0]?.reason).toContain("Mars/Olympus");
  });

  it("any send path other than manual copy is unapproved", () => {
    expect(scanOutbound(draft("Hi", { sendPath: "manual_copy" }))).toEqual([]);
    expect(scanOutbound(draft("Hi", { sendPath: "twilio_api" }))).toEqual([
      expect.objectContaining({ kind: "unapproved_send_path", reason: expect.stringContaining('"twilio_api"') }),
    ]);
  });

  it("isQuietTime handles windows that wrap midnight and ones that do not", () => {
    const wrap = { startHour: 20, endHour: 8 };
    expect([19 * 60 + 59, 20 * 60, 0, 7 * 60 + 59, 8 * 60].map((m) => isQuietTime(m, wrap))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(isQuietTime(13 * 60, { startHour: 12, endHour: 14 })).toBe(true);
  });
});
