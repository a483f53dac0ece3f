// Relative due times from spoken words ("tomorrow at 10", "next monday", "at 3pm") in the shop's own time zone.
// Pure: the session clock and time zone come in as arguments.

export interface DueTime {
  /** ISO instant. */
  dueAt: string;
  /** The words that set it, so an intent can cut them out of a task title. */
  phrases: string[];
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const PARTS_OF_DAY: Readonly<Record<string, number>> = {
  morning: 9,
  noon: 12,
  lunch: 12,
  afternoon: 14,
  evening: 17,
  tonight: 18,
  eod: 17,
};
/** Without am/pm, 1–6 means the afternoon in a trade office; 7–11 the morning. */
function businessHour(hour: number): number {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The local calendar date (y, m, d, weekday) of an instant. */
function localDate(at: Date, timeZone: string): { y: number; m: number; d: number; weekday: number } {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate(), weekday: local.getUTCDay() };
}

/** The instant of a local wall-clock time; correct across daylight-saving changes. */
export function localTimeToInstant(
  date: { y: number; m: number; d: number },
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const guess = Date.UTC(date.y, date.m, date.d, hour, minute);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

function addDays(date: { y: number; m: number; d: number }, days: number): { y: number; m: number; d: number } {
  const at = new Date(Date.UTC(date.y, date.m, date.d + days));
  return { y: at.getUTCFullYear(), m: at.getUTCMonth(), d: at.getUTCDate() };
}

interface ClockTime {
  hour: number;
  minute: number;
  phrase: string;
}

/** "at 10", "at 3pm", "at 10 30", "at 1030", "at 3 30 pm", "at noon", "in the morning". */
function clockTime(text: string): ClockTime | null {
  const at = text.match(/\b(?:at|by|around|about)\s+(\d{1,4})(?:\s*:?\s*(\d{2}))?\s*(am|pm|a m|p m|oclock|o clock)?\b/);
  if (at) {
    const digits = at[1] ?? "";
    let hour: number;
    let minute: number;
    if (digits.length >= 3 && !at[2]) {
      hour = Number(digits.slice(0, -2));
      minute = Number(digits.slice(-2));
    } else {
      hour = Number(digits);
      minute = at[2] ? Number(at[2]) : 0;
    }
    const meridiem = (at[3] ?? "").replace(/\s/g, "");
    if (hour > 23 || minute > 59) return null;
    if (meridiem === "pm" && hour < 12) hour += 12;
    else if (meridiem === "am" && hour === 12) hour = 0;
    else if (meridiem !== "am" && meridiem !== "pm") hour = businessHour(hour);
    return { hour, minute, phrase: at[0] };
  }
  const bare = text.match(/\b(\d{1,2})\s*(am|pm)\b/);
  if (bare) {
    let hour = Number(bare[1]);
    if (hour > 12) return null;
    if (bare[2] === "pm" && hour < 12) hour += 12;
    if (bare[2] === "am" && hour === 12) hour = 0;
    return { hour, minute: 0, phrase: bare[0] };
  }
  const part = text.match(/\b(?:(?:in the|this|at)\s+)?(morning|noon|lunch|afternoon|evening|tonight|eod)\b/);
  if (part) return { hour: PARTS_OF_DAY[part[1] ?? ""] ?? 9, minute: 0, phrase: part[0] };
  return null;
}

/**
 * Reads a due time from normalized words. Returns null when nothing in the words sets one.
 * A day without a time is 9:00 local; a time without a day is today, or tomorrow once it has passed.
 */
export function dueTimeFrom(text: string, now: Date, timeZone: string): DueTime | null {
  const today = localDate(now, timeZone);
  const phrases: string[] = [];
  let date: { y: number; m: number; d: number } | null = null;

  const inSpan = text.match(/\bin\s+(\d+|an|a)\s+(minutes?|hours?|days?|weeks?)\b/);
  if (inSpan) {
    const n = inSpan[1] === "a" || inSpan[1] === "an" ? 1 : Number(inSpan[1]);
    const unit = inSpan[2] ?? "";
    if (unit.startsWith("minute") || unit.startsWith("hour")) {
      const ms = n * (unit.startsWith("hour") ? 3_600_000 : 60_000);
      return { dueAt: new Date(now.getTime() + ms).toISOString(), phrases: [inSpan[0]] };
    }
    date = addDays(today, n * (unit.startsWith("week") ? 7 : 1));
    phrases.push(inSpan[0]);
  }
  const dayWord = text.match(/\b(day after tomorrow|tomorrow|today|tonight|this (?:morning|afternoon|evening))\b/);
  if (!date && dayWord) {
    const word = dayWord[1] ?? "";
    date = word === "day after tomorrow" ? addDays(today, 2) : word === "tomorrow" ? addDays(today, 1) : today;
    if (!word.startsWith("this") && word !== "tonight") phrases.push(dayWord[0]);
  }
  const weekday = text.match(
    /\b(?:(next|this|on|coming)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/,
  );
  if (!date && weekday) {
    const target = WEEKDAYS.indexOf(weekday[2] ?? "");
    let ahead = (target - today.weekday + 7) % 7;
    if (ahead === 0) ahead = 7;
    date = addDays(today, ahead);
    phrases.push(weekday[0]);
  }
  if (!date && /\bnext week\b/.test(text)) {
    date = addDays(today, (1 - today.weekday + 7) % 7 || 7);
    phrases.push("next week");
  }
  const time = clockTime(text);
  if (time) phrases.push(time.phrase);
  if (!date && !time) return null;
  const hour = time?.hour ?? 9;
  const minute = time?.minute ?? 0;
  let at = localTimeToInstant(date ?? today, hour, minute, timeZone);
  if (!date && at.getTime() <= now.getTime()) at = localTimeToInstant(addDays(today, 1), hour, minute, timeZone);
  return { dueAt: at.toISOString(), phrases };
}
