/**
 * Distribution contracts:
 *   data/stakeholders.csv ─validate─▶ Stakeholder[]
 *   Stakeholder[] + out/manifest.json + ledger + unchanged reports ─plan─▶ DistributionPlan
 *   Delivery + PDF ─compose─▶ OutgoingMessage ─send (or write .eml)─▶ LedgerEntry
 */
import type { Manifest } from '../output/manifest.ts';

/** Which briefing a recipient gets: the national one or one area's. */
export type ReportRef =
  | { kind: 'national'; id: 'national'; label: string }
  | {
      kind: 'area';
      /** The area's slug, e.g. "barking-and-dagenham". */ id: string;
      label: string;
    };

/** One row of data/stakeholders.csv, validated. */
export interface Stakeholder {
  /** Line of the row in the file, for located errors. */
  line: number;
  name: string;
  /** As written; compared without regard to case. */
  email: string;
  organisation: string;
  report: ReportRef;
}

/** The build being distributed: the folder `out` pointed to when the run began. */
export interface BuildSnapshot {
  /** Resolved build folder (a `.out-out-<id>/`), read once so a later swap cannot mix builds. */
  dir: string;
  manifest: Manifest;
  /** sha256 of out/manifest.json: the hash a person approves. */
  manifestSha256: string;
  changes: ChangeReport;
}

/** out/changes.md and out/changes.json, when the build wrote them. */
export interface ChangeReport {
  markdown?: string;
  /** false when no figure changed since the last distributed build. */
  changed?: boolean;
  /** From changes.json: the build-wide summary (Markdown lines) and each report's own lines. */
  perReport?: { summary: string[]; reports: Map<string, string[]> };
  /**
   * Ids of the reports changes.json marks `"status": "unchanged"` since the last distributed
   * build; empty without changes.json, or when it is an older one without statuses.
   */
  unchanged: Set<string>;
}

/** What an email shows of the change report: the text, not which reports are unchanged. */
export type ChangeText = Pick<ChangeReport, 'markdown' | 'perReport'>;

/** One message to one person: the report's PDF as the build listed it. */
export interface Delivery {
  stakeholder: Stakeholder;
  pdf: { path: string; bytes: number; sha256: string };
}

/** One line of state/sent-ledger.jsonl: a message the mail server accepted. */
export interface LedgerEntry {
  recipient: string;
  /** "national" or the area's slug. */
  report: string;
  /** sha256 of the PDF sent. */
  sha256: string;
  messageId: string;
  /** ISO time the server accepted the message. */
  time: string;
}

export interface DistributionPlan {
  /** Messages still to send, in the order of the recipients file. */
  toSend: Delivery[];
  /** Messages the ledger shows were delivered already, with the ledger's record. */
  delivered: { delivery: Delivery; entry: LedgerEntry }[];
  /**
   * Recipients not sent their report because it is unchanged and they had it from an earlier
   * build: the report's id, and the ledger's latest record of it reaching them.
   */
  upToDate: { stakeholder: Stakeholder; report: string; entry: LedgerEntry }[];
}

/** A message ready for nodemailer (streamTransport for a dry run, SMTP for a real one). */
export interface OutgoingMessage {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  messageId: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; content: Buffer; contentType: 'application/pdf' }[];
}
