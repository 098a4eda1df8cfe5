/**
 * Text widths for laying out SVG labels without a browser. Advance widths are DejaVu Sans' (what Debian's
 * Chromium and most Linux systems substitute for Helvetica/Arial, and wider than both), measured in Chromium at
 * 1000 px, so a box computed here holds the text on any of these fonts. Unknown characters count as 1 em.
 */

/** Advance widths (per mille of the font size) of the ASCII characters 32…126. */
const ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];

const OTHER: Record<string, number> = {
  Φ: 787, Δ: 684, ρ: 635, σ: 634, μ: 636, '⁺': 528, '⁻': 528, '³': 401, '²': 401, Å: 684, '±': 838, '−': 838,
  '·': 318, '×': 838, '↑': 838, '↓': 838, '≥': 838, '≤': 838, '→': 838, '←': 838, '°': 500, '…': 1000, '–': 500,
  '—': 1000, '′': 227, Ω: 764, α: 659, β: 638, γ: 592, ε: 541, θ: 612, λ: 592, π: 602, '≈': 838, '₀': 401, '₁': 401,
  '₂': 401, '₃': 401, '¯': 500, '̄': 0,
};

/** Width of `text` at `fontSize` (px), in px. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 32 && c <= 126 ? ASCII[c - 32] : OTHER[ch] ?? 1000;
  }
  return (w / 1000) * fontSize;
}

/** A run of text, optionally as a subscript (70 % size, lowered). */
export interface TextRun {
  readonly text: string;
  readonly sub?: boolean;
}

/** Relative size and drop (in em of the main size) of subscripts. */
export const SUB_SCALE = 0.7;
export const SUB_DROP = 0.3;

/** Width of runs at `fontSize`. */
export function runsWidth(runs: readonly TextRun[], fontSize: number): number {
  return runs.reduce((w, r) => w + textWidth(r.text, r.sub ? fontSize * SUB_SCALE : fontSize), 0);
}

/**
 * Parses `E_F`-style markup: `_X` or `_{XY}` makes a subscript. Everything else is plain text.
 * @example parseRuns('Φ = V_{vac} − E_F') // [Φ = V] [vac sub] [ − E] [F sub]
 */
export function parseRuns(markup: string): TextRun[] {
  const out: TextRun[] = [];
  const re = /_\{([^}]*)\}|_(\S)/g;
  let last = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    if (m.index > last) out.push({ text: markup.slice(last, m.index) });
    out.push({ text: m[1] ?? m[2], sub: true });
    last = m.index + m[0].length;
  }
  if (last < markup.length) out.push({ text: markup.slice(last) });
  return out;
}

/** Ascent and descent of the font (em), DejaVu Sans: text boxes span baseline − 0.93 em … baseline + 0.24 em. */
export const ASCENT_EM = 0.93;
export const DESCENT_EM = 0.24;
