// The shape of an eval scenario: who says what (in which channel and mode), which kernel calls must follow,
// the outcome, and the calls that must never happen. Placeholders ({customer}, {last}, {pending}) are filled per run.
import type { Channel, ChannelMode } from "../contracts/index.ts";

export type Outcome = "ok" | "proposed" | "refused" | "stopped";

export interface ExpectedCall {
  tool: string;
  /** Key input values that must match (a subset; strings compare case-insensitively). */
  input?: Record<string, unknown>;
  status?: Outcome;
}

export interface Scenario {
  id: string;
  pack: string;
  actor: string;
  say: string;
  /** Earlier turns in the same conversation (same actor unless `actor` is given). */
  before?: Array<{ say: string; actor?: string }>;
  mode?: ChannelMode;
  channel?: Channel;
  /** Phrased the way voice-to-text delivers it. */
  voice?: boolean;
  expect: {
    calls?: ExpectedCall[];
    /** Status of the turn's last kernel call. */
    outcome?: Outcome;
    forbidden?: string[];
    /** Words the answer must contain (case-insensitive). */
    says?: string[];
    /** Words the answer must not contain (case-insensitive). */
    never?: string[];
  };
}
