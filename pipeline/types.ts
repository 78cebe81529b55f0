/**
 * Stage contracts. Stages share only these types:
 *   RawDataset → validate → ValidDataset → renderCharts → ChartImage[]
 *   → fillTemplates → FilledDoc → emitPdf / emitHtml → OutputFile
 */
import type { Problem } from './errors.ts';
import type { FinancialYear, Month } from './domain/periods.ts';

/** A file read from the data folder; `path` is relative to the project, with forward slashes. */
export interface InputFile {
  path: string;
  bytes: Uint8Array;
}

export interface RawDataset {
  files: InputFile[];
}

// ---------- delayed transfers of care ----------

/** A number of days, or null when not available (suppressed "-" or not collected "NA"). */
export type Days = number | null;

export interface ReasonDef {
  /** Column name in the source CSV. */
  column: string;
  /** Short label for charts and tables. */
  label: string;
  /** First month the reason was collected; earlier cells hold "NA". */
  collectedFrom?: Month;
}

export interface AreaMonth {
  month: Month;
  code: string;
  /** Days by reason, in the order of `DtocDataset.reasons`. */
  reasons: Days[];
  total: Days;
  nhs: Days;
  socialCare: Days;
  both: Days;
}

export interface Area {
  name: string;
  /** Stable ASCII file name: "Barking & Dagenham" → "barking-and-dagenham". */
  slug: string;
  /** Three-character codes until March 2015, ONS GSS codes after. */
  codes: { old?: string; current?: string };
  months: AreaMonth[];
}

export interface DtocDataset {
  reasons: ReasonDef[];
  months: Month[];
  years: FinancialYear[];
  england: Area;
  areas: Area[];
}

// ---------- briefing content: sources, claims, quotations ----------

export interface Source {
  id: string;
  /** Position in the Sources section, 1-based. */
  number: number;
  kind: 'article' | 'report' | 'dataset';
  title: string;
  publisher: string;
  author?: string | undefined;
  date?: string | undefined;
  reference?: string | undefined;
  url?: string | undefined;
  /** Local copy under data/, when the source is a file we hold. */
  file?: string | undefined;
  licence?: string | undefined;
}

/** Where in a source a figure or quotation comes from. */
export interface Citation {
  source: string;
  /** Line in the source file whose text contains `says`. */
  line?: number | undefined;
  says?: string | undefined;
  /** The number `says` states, when it is written in words ("nine out of ten"). */
  stated?: number | undefined;
  /** Paragraph, table or rows, for sources we do not hold as text. */
  locator?: string | undefined;
  /** Something a reader should know about how this source reports the figure. */
  note?: string | undefined;
  /** A reviewer's explanation of a disagreement with the other sources. */
  reviewed?: string | undefined;
}

export type Unit = 'gbp-bn' | 'gbp-m' | 'count' | 'days' | 'admissions' | 'percent';

export interface Claim {
  id: string;
  label: string;
  value: number;
  unit: Unit;
  /** A rise or a fall between two values, which may be negative (pipeline/validate/claim-ranges.ts). */
  change?: boolean | undefined;
  qualifier?: 'more than' | 'less than' | 'about' | undefined;
  citations: Citation[];
  /** For figures recomputed from the data: the rule and the value it gave. */
  computed?: { rule: string; value: number; tolerance: number };
}

export interface Quote {
  id: string;
  speaker: string;
  role: string;
  text: string;
  citation: Citation;
  reviewed?: string | undefined;
}

/** A place where sources disagree with each other or with the data; the briefing's notes report it. */
export interface Discrepancy {
  kind: 'figure' | 'quotation' | 'wording';
  /** The claim's label, or the speaker quoted. */
  subject: string;
  /** Claim or quotation ids involved. */
  ids: string[];
  /** What each source says; `supported` is false where the data or the other sources disagree. */
  versions: { source: string; text: string; supported: boolean }[];
  /** The figure recomputed from the data, when there is one. */
  computed?: number;
  note?: string;
  /** A reviewer's explanation: the disagreement is known, so it is not a warning. */
  reviewed?: string;
}

export interface BriefingMeta {
  id: string;
  title: string;
  subtitle: string;
  /** ISO date of the briefing (from the data, or SOURCE_DATE_EPOCH). */
  date: string;
  lang: string;
  author: string;
}

export interface Briefing {
  meta: BriefingMeta;
  sources: Source[];
  claims: Claim[];
  quotes: Quote[];
  discrepancies: Discrepancy[];
}

export interface ValidationReport {
  inputs: { path: string; sha256: string; rows?: number }[];
  rules: { id: string; description: string; checked: number }[];
  warnings: Problem[];
  notAvailable: { file: string; field: string; value: string; count: number; meaning: string }[];
  claimChecks: {
    claim: string;
    stated: number;
    computed: number;
    tolerance: number;
    ok: boolean;
  }[];
}

export interface ValidDataset {
  dtoc: DtocDataset;
  briefing: Briefing;
  report: ValidationReport;
}

// ---------- charts ----------

export interface DataTable {
  caption: string;
  columns: { label: string; numeric: boolean }[];
  rows: string[][];
}

/** A chart before rendering: a pure Vega-Lite spec plus everything a reader needs around it. */
export interface ChartDef {
  id: string;
  title: string;
  /** Text alternative: what the chart shows, in a sentence or two. */
  alt: string;
  /** "Source: …" line shown under the chart. */
  sourceLine: string;
  sourceIds: string[];
  spec: Record<string, unknown>;
  /** Rows for the spec's named dataset "table", when the spec is shared by many briefings. */
  rows?: Record<string, unknown>[];
  table: DataTable;
}

/** One segment of a path in chart coordinates: move, line, cubic Bézier, close. */
export type PathSeg =
  ['M' | 'L', number, number] | ['C', number, number, number, number, number, number] | ['Z'];

/** An affine transform [a, b, c, d, e, f], as in canvas and PDF. */
export type Matrix = [number, number, number, number, number, number];

/** A chart's drawing, recorded from vega's canvas renderer, replayed as vectors into the PDF. */
export type DrawOp =
  | { t: 'save' | 'restore' }
  | { t: 'fill'; path: PathSeg[]; colour: string; alpha: number; evenOdd: boolean }
  | {
      t: 'stroke';
      path: PathSeg[];
      colour: string;
      alpha: number;
      width: number;
      cap: string;
      join: string;
      miter: number;
      dash: number[];
      dashOffset: number;
    }
  | { t: 'clip'; path: PathSeg[] }
  | {
      t: 'text';
      text: string;
      x: number;
      y: number;
      m: Matrix;
      font: string;
      align: string;
      colour: string;
      alpha: number;
    };

export interface ChartImage extends ChartDef {
  /** SVG for the HTML (title and source line are set as text around it). */
  svg: string;
  /** The same drawing for the PDF, as vector operations. */
  ops: DrawOp[];
  width: number;
  height: number;
  /** Standalone files with the title and source line drawn in (national briefing only). */
  /** The PNG is still being drawn (by libvips, off the main thread) when the image is returned. */
  files?: { svg: string; png: Promise<Uint8Array>; vegaSpec: string };
}

// ---------- filled document ----------

/** A run of inline text with its style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A citation marker such as "[1]", linking to a source entry. */
  cite?: boolean;
  /** Link target: "#id" inside the document, or an https address. */
  href?: string;
  /** A link drawn as plain text: a figure that is itself the link to its source entry. */
  plain?: boolean;
  /** What the link is, for its PDF annotation (the HTML `title`); otherwise its target. */
  title?: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; id: string; runs: Run[] }
  | {
      kind: 'paragraph';
      style: 'body' | 'lead' | 'small' | 'kicker' | 'meta' | 'source';
      runs: Run[];
    }
  | {
      kind: 'list';
      ordered: boolean;
      style: 'bullets' | 'sources' | 'plain' | 'small';
      items: { id?: string; runs: Run[] }[];
    }
  | { kind: 'stats'; items: { value: Run[]; label: Run[] }[] }
  | { kind: 'table'; caption: Run[]; header: Run[][]; rows: Run[][][]; numeric: boolean[] }
  | { kind: 'figure'; chartId: string; title: Run[]; sourceLine: Run[] }
  | { kind: 'quote'; paragraphs: Run[][]; attribution: Run[] }
  | { kind: 'box'; id: string; blocks: Block[] };

export interface DocMeta extends BriefingMeta {
  /** Date as printed, e.g. "23 November 2026". */
  dateLabel: string;
  /** Short title for running footers. */
  shortTitle: string;
  keywords: string[];
  /** File names of the two outputs, for links between them. */
  pdfFile: string;
  htmlFile: string;
  /** A link back up, shown at the top of the HTML page (area pages link to the index). */
  backLink: { href: string; label: string } | null;
}

/** The briefing after its templates are filled: the HTML of its main content, and the same content as blocks for the PDF. */
export interface FilledDoc {
  meta: DocMeta;
  html: string;
  blocks: Block[];
}

/** A file to write into the output folder; `path` is relative to it. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

// ---------- area briefings ----------

/** A position among all areas on one measure: 1 is the highest value. */
export interface Rank {
  position: number;
  of: number;
}

export interface Shares {
  nhs: number | null;
  socialCare: number | null;
  both: number | null;
}

/** Everything an area briefing states, computed from the data (serializable, so workers can take it). */
export interface AreaModel {
  name: string;
  slug: string;
  codes: { old?: string; current?: string };
  /** First and last month with data for this area. */
  period: { first: string; last: string };
  latest: {
    year: string;
    previousYear: string;
    days: number | null;
    previous: number | null;
    change: number | null;
    changePct: number | null;
    daysRank: Rank | null;
    changeRank: Rank | null;
    englandDays: number | null;
    englandChangePct: number | null;
  };
  bcf: {
    before: string;
    after: string;
    daysBefore: number | null;
    daysAfter: number | null;
    change: number | null;
    changePct: number | null;
    rank: Rank | null;
    englandChangePct: number | null;
    englandChange: number | null;
  };
  /** Shares of the latest year's delayed days by the organisation responsible, with the area's
   *  position among all areas on each share (1st is the highest share). */
  shares: {
    year: string;
    area: Shares;
    england: Shares;
    ranks: Record<keyof Shares, Rank | null>;
  };
  monthly: { month: string; days: number | null; rolling: number | null }[];
  reasons: { label: string; area: number | null; england: number | null }[];
  orgByYear: { year: string; nhs: number | null; socialCare: number | null; both: number | null }[];
  quality: {
    codeChange?: { old: string; current: string };
    notAvailableMonths: string[];
    partialYears: string[];
    notCollected: string[];
  };
}

/** The change in the BCF's first year for every area, for the chart that places one area among all. */
export interface AreaDistribution {
  year: string;
  england: number | null;
  areas: { slug: string; name: string; changePct: number | null }[];
  /** The largest month and financial year any area has, which size every area's chart axes. */
  maxMonthly: number;
  maxYear: number;
  reasonLabels: string[];
}
