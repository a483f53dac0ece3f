// The business day in the shop's own time zone, so "due today" means today where the trucks are.

const DEFAULT_TIME_ZONE = "America/Denver";

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

export interface DayWindow {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  startIso: string;
  endIso: string;
}

export function timeZoneOf(config: Record<string, unknown>): string {
  return typeof config.timeZone === "string" ? config.timeZone : DEFAULT_TIME_ZONE;
}

export function dayWindow(now: Date, timeZone: string): DayWindow {
  const offset = offsetMinutes(now, timeZone);
  const local = new Date(now.getTime() + offset * 60_000);
  const date = local.toISOString().slice(0, 10);
  const startLocalAsUtc = Date.parse(`${date}T00:00:00Z`);
  const start = new Date(startLocalAsUtc - offsetMinutes(new Date(startLocalAsUtc), timeZone) * 60_000);
  const end = new Date(start.getTime() + 86_400_000);
  return { date, startIso: start.toISOString(), endIso: end.toISOString() };
}

export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
