// Sizing heuristic for the sales survey (Field Engineer §08): a cross-check of the installed equipment, not a Manual J.
// Pure: no I/O, no clock, no imports. It never stands in for a load calculation; doubtful cases go to the office.

/** Square footage outside this window is treated as suspect (a typo, a lot size, a commercial record). */
export const PLAUSIBLE_SQFT = { min: 300, max: 10_000 } as const;
/** Field Engineer §08: heuristic results are limited to this range of single-system tonnage. */
export const COOLING_TONS_LIMITS = { min: 1.5, max: 5 } as const;
/** Field Engineer §08: "disagree by ~1+ ton" routes the survey to the office. */
export const TONNAGE_DISAGREEMENT_TONS = 1;

const SQFT_PER_TON = 500;
const LEAKY_BEFORE_YEAR = 1980;
const LEAKY_FACTOR = 1.15;
const TIGHT_AFTER_YEAR = 2010;
const TIGHT_FACTOR = 0.9;
// Field Engineer §08: cold-climate assumption, sq ft × 35 to × 45 BTU.
const HEATING_BTU_PER_SQFT = { low: 35, high: 45 } as const;
const PLAUSIBLE_YEAR_BUILT = { min: 1700, max: 2100 } as const;

export interface SizingInput {
  sqft: number | null | undefined;
  yearBuilt: number | null | undefined;
  /** Nameplate tonnage of the installed cooling equipment, when read. */
  installedTons?: number | null | undefined;
}

export interface HeatingBtuBand {
  low: number;
  high: number;
}

export interface SizingEstimate {
  /** Null when square footage is missing or unusable: no confident number without it. */
  coolingTons: number | null;
  heatingBtu: HeatingBtuBand | null;
  /** True means "office to verify sizing" (§08); `reasons` says why. */
  verifySizing: boolean;
  reasons: string[];
}

function roundToHalf(value: number): number {
  return Math.round(value * 2) / 2;
}

function roundToThousand(value: number): number {
  return Math.round(value / 1000) * 1000;
}

function isUsableNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function ageFactor(yearBuilt: number | null): number {
  if (yearBuilt === null) return 1;
  if (yearBuilt < LEAKY_BEFORE_YEAR) return LEAKY_FACTOR;
  if (yearBuilt > TIGHT_AFTER_YEAR) return TIGHT_FACTOR;
  return 1;
}

/** Cooling tons and heating band for a home, with the reasons the office should verify them. */
export function sizeHome(input: SizingInput): SizingEstimate {
  const reasons: string[] = [];
  const { sqft } = input;

  let yearBuilt: number | null = null;
  if (input.yearBuilt !== null && input.yearBuilt !== undefined) {
    const year = input.yearBuilt;
    if (Number.isFinite(year) && year >= PLAUSIBLE_YEAR_BUILT.min && year <= PLAUSIBLE_YEAR_BUILT.max) {
      yearBuilt = year;
    } else {
      reasons.push(`Year built (${year}) looks wrong, so no age adjustment was applied.`);
    }
  }

  if (!isUsableNumber(sqft)) {
    reasons.push(
      sqft === null || sqft === undefined
        ? "Square footage is missing, so there is no sizing estimate."
        : `Square footage (${sqft}) is not a usable number, so there is no sizing estimate.`,
    );
    return { coolingTons: null, heatingBtu: null, verifySizing: true, reasons };
  }

  // Field Engineer §08: suspect square footage lowers confidence; the number is still shown, but flagged.
  if (sqft < PLAUSIBLE_SQFT.min) reasons.push(`Square footage (${sqft}) is unusually small for a home.`);
  if (sqft > PLAUSIBLE_SQFT.max) reasons.push(`Square footage (${sqft}) is unusually large for a home.`);

  const rawTons = (sqft / SQFT_PER_TON) * ageFactor(yearBuilt);
  const coolingTons = Math.min(COOLING_TONS_LIMITS.max, Math.max(COOLING_TONS_LIMITS.min, roundToHalf(rawTons)));
  const heatingBtu = {
    low: roundToThousand(sqft * HEATING_BTU_PER_SQFT.low),
    high: roundToThousand(sqft * HEATING_BTU_PER_SQFT.high),
  };

  const installedTons = input.installedTons;
  if (installedTons !== null && installedTons !== undefined) {
    if (!isUsableNumber(installedTons)) {
      reasons.push(`Installed tonnage (${installedTons}) is not a usable number.`);
    } else if (Math.abs(installedTons - coolingTons) >= TONNAGE_DISAGREEMENT_TONS) {
      // Field Engineer §08: a ~1+ ton disagreement is for the office to settle, not the heuristic.
      const gapTons = Math.abs(installedTons - coolingTons);
      reasons.push(`Installed ${installedTons} tons and the ${coolingTons}-ton estimate differ by ${gapTons} tons.`);
    }
  }

  return { coolingTons, heatingBtu, verifySizing: reasons.length > 0, reasons };
}
