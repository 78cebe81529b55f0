/**
 * One email per delivery: subject, an HTML body and a plain-text alternative from the templates in
 * templates/distribute/ (the change report first), the PDF attached, and a Message-ID derived
 * from the build, the recipient and the report, so a message sent again after a crash carries
 * the same id and can be recognised as the same message. Pure.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { formatDate } from '../domain/format.ts';
import { changesFor, parseChangeReport, type ChangeBlock } from './change-report.ts';
import type { ChangeText, Delivery, OutgoingMessage, ReportRef } from './types.ts';

export const TEMPLATE_DIR = 'distribute';
export const HTML_TEMPLATE = `${TEMPLATE_DIR}/message.html.hbs`;
export const TEXT_TEMPLATE = `${TEMPLATE_DIR}/message.txt.hbs`;

export interface MessageTemplates {
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
}

export function compileMessageTemplates(html: string, text: string): MessageTemplates {
  const hb = Handlebars.create();
  return {
    // strict: a name the view lacks is an error, not an empty string in someone's inbox.
    html: hb.compile(html, { strict: true }),
    // text/plain has no markup: escaping would turn "&" into "&amp;" in the reader's view.
    text: hb.compile(text, { strict: true, noEscape: true }),
  };
}

export interface MessageContext {
  from: { name: string; address: string };
  /** The build being sent: the manifest's sha256, briefing id and date. */
  build: { sha256: string; briefing: string; date: string };
  /** Title and subtitle of the national briefing (data/bcf/briefing.yaml). */
  national: { title: string; subtitle: string };
  changes: ChangeText;
  templates: MessageTemplates;
}

/** `<hash@domain>` from the build, the recipient and the report: the same inputs, the same id. */
export function messageIdFor(build: string, email: string, report: string, domain: string) {
  const hash = createHash('sha256')
    .update(`${build}\u0000${email.toLowerCase()}\u0000${report}`)
    .digest('hex');
  return `<${hash.slice(0, 40)}.briefing@${domain}>`;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describe(report: ReportRef, ctx: MessageContext) {
  if (report.kind === 'national') return { ...ctx.national, label: 'the national briefing' };
  return {
    title: `Delayed transfers of care in ${report.label}`,
    subtitle: `Delayed transfers of care in ${report.label}, with England for comparison, from NHS England's monthly statistics.`,
    label: `the briefing for ${report.label}`,
  };
}

/** Blocks with every key present (the templates are strict), one of them set. */
const blockView = (b: ChangeBlock) => ({
  heading: b.kind === 'heading' && b.level === 3 ? b.runs : null,
  subheading: b.kind === 'heading' && b.level === 4 ? b.runs : null,
  list: b.kind === 'list' ? b.items : null,
  paragraph: b.kind === 'paragraph' ? b.runs : null,
});

export function composeMessage(
  delivery: Delivery,
  pdf: Uint8Array,
  ctx: MessageContext,
): OutgoingMessage {
  const { stakeholder: who, pdf: file } = delivery;
  const report = describe(who.report, ctx);
  const dateLabel = formatDate(ctx.build.date);
  const subject = `${report.title}: briefing of ${dateLabel}`;
  const filename = `${ctx.build.briefing}-${who.report.id}-${ctx.build.date}.pdf`;
  const markdown = changesFor(who.report, ctx.changes);
  const view = {
    subject,
    dateLabel,
    recipient: { name: who.name, organisation: who.organisation },
    report,
    changes: markdown ? parseChangeReport(markdown).map(blockView) : null,
    changesText: markdown ?? null,
    attachment: { filename, size: formatSize(file.bytes) },
    build: { short: ctx.build.sha256.slice(0, 12), sha256: ctx.build.sha256 },
  };
  const domain = ctx.from.address.split('@').at(-1)!;
  return {
    from: ctx.from,
    to: { name: who.name, address: who.email },
    subject,
    messageId: messageIdFor(ctx.build.sha256, who.email, who.report.id, domain),
    html: ctx.templates.html(view),
    text: ctx.templates.text(view),
    headers: {
      // Asks mail systems not to answer with out-of-office replies (RFC 3834).
      'Auto-Submitted': 'auto-generated',
      'X-Briefing-Build': ctx.build.sha256,
      'X-Briefing-Report': who.report.id,
      'X-Briefing-Content-SHA256': file.sha256,
    },
    attachments: [{ filename, content: Buffer.from(pdf), contentType: 'application/pdf' }],
  };
}
