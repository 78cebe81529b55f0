/** Composing a message from the real templates: subject, ids, escaping, the change report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesFor, parseChangeReport } from '../../pipeline/distribute/change-report.ts';
import {
  compileMessageTemplates,
  composeMessage,
  formatSize,
  HTML_TEMPLATE,
  messageIdFor,
  TEXT_TEMPLATE,
  type MessageContext,
} from '../../pipeline/distribute/message.ts';
import { NATIONAL_REPORT } from '../../pipeline/distribute/stakeholders.ts';
import type { Delivery } from '../../pipeline/distribute/types.ts';
import { PROJECT } from '../helpers/project.ts';

const template = (path: string): string => readFileSync(join(PROJECT, 'templates', path), 'utf8');
const BUILD = 'f'.repeat(64);
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);

const context = (markdown?: string): MessageContext => ({
  from: { name: 'Briefings', address: 'briefings@example.org' },
  build: { sha256: BUILD, briefing: 'bcf-briefing', date: '2026-11-23' },
  national: { title: 'The Better Care Fund in 2015-16', subtitle: 'What the NAO found' },
  changes: markdown ? { markdown } : {},
  templates: compileMessageTemplates(template(HTML_TEMPLATE), template(TEXT_TEMPLATE)),
});

const delivery = (name = 'Ben Example', area = true): Delivery => ({
  stakeholder: {
    line: 3,
    name,
    email: 'ben@example.gov.uk',
    organisation: 'Barnet Council & Partners',
    report: area ? { kind: 'area', id: 'barnet', label: 'Barnet' } : NATIONAL_REPORT,
  },
  pdf: { path: 'areas/barnet.pdf', bytes: 81_020, sha256: 'b'.repeat(64) },
});

describe('composeMessage', () => {
  it('addresses the recipient, names the report and date, and attaches the PDF', () => {
    const m = composeMessage(delivery(), PDF, context());
    expect(m.to).toEqual({ name: 'Ben Example', address: 'ben@example.gov.uk' });
    expect(m.subject).toBe('Delayed transfers of care in Barnet: briefing of 23 November 2026');
    expect(m.attachments).toEqual([
      {
        filename: 'bcf-briefing-barnet-2026-11-23.pdf',
        content: Buffer.from(PDF),
        contentType: 'application/pdf',
      },
    ]);
    expect(m.headers['X-Briefing-Content-SHA256']).toBe('b'.repeat(64));
    expect(m.text).toContain('Dear Ben Example,');
    expect(m.text).toContain('Barnet Council & Partners');
    expect(m.text).toContain('(PDF, 79 KB)');
    expect(m.html).toContain('Barnet Council &amp; Partners');
    const national = composeMessage(delivery('Ben Example', false), PDF, context());
    expect(national.subject).toBe('The Better Care Fund in 2015-16: briefing of 23 November 2026');
  });

  it('derives the Message-ID from build, recipient and report: the same inputs, the same id', () => {
    const id = messageIdFor(BUILD, 'ben@example.gov.uk', 'barnet', 'example.org');
    expect(id).toMatch(/^<[0-9a-f]{40}\.briefing@example\.org>$/);
    expect(composeMessage(delivery(), PDF, context()).messageId).toBe(id);
    expect(messageIdFor(BUILD, 'BEN@example.gov.uk', 'barnet', 'example.org')).toBe(id);
    expect(messageIdFor(BUILD, 'ben@example.gov.uk', 'national', 'example.org')).not.toBe(id);
    expect(messageIdFor('e'.repeat(64), 'ben@example.gov.uk', 'barnet', 'example.org')).not.toBe(
      id,
    );
  });

  it('escapes everything that came from a file in the HTML', () => {
    const m = composeMessage(delivery('<script>alert(1)</script>'), PDF, context('- <img src=x>'));
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<img');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The plain text is not HTML: it keeps the characters as they are.
    expect(m.text).toContain('Dear <script>alert(1)</script>,');
  });

  it('leads with the change report, or says there is none', () => {
    const md = '# Since last time\n\nThree figures moved.\n\n- **Barnet** down 12%\n- Derby up';
    const m = composeMessage(delivery(), PDF, context(md));
    const order = ['Since last time', 'Three figures moved.', '<strong>Barnet</strong> down 12%'];
    const at = order.map((t) => m.html.indexOf(t));
    expect(at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!))).toBe(true);
    expect(m.html.indexOf('Since last time')).toBeLessThan(m.html.indexOf('Your briefing'));
    expect(m.text).toContain(md);
    expect(composeMessage(delivery(), PDF, context()).html).toContain(
      'No change report for this build.',
    );
  });

  it('uses no triple-stash in the HTML template', () => {
    expect(template(HTML_TEMPLATE)).not.toMatch(/\{\{\{|\{\{&/);
  });

  it('formats sizes for people', () => {
    expect([formatSize(300), formatSize(81_020), formatSize(3_500_000)]).toEqual([
      '1 KB',
      '79 KB',
      '3.3 MB',
    ]);
  });
});

describe('changesFor', () => {
  const perReport = {
    summary: ['Compared with the briefings of 1 May.', '- **Data:** one month added.'],
    reports: new Map([
      ['barnet', ['Delayed days: 1,200 → 1,100 (−100, −8.3%)']],
      ['derby', ['Delayed days: 300 → 310']],
    ]),
  };
  const barnet = { kind: 'area', id: 'barnet', label: 'Barnet' } as const;

  it('gives a recipient the summary and their own report’s lines, when changes.json has them', () => {
    expect(changesFor(barnet, { markdown: '# Everything', perReport })).toBe(
      [
        'Compared with the briefings of 1 May.',
        '- **Data:** one month added.',
        '',
        '# Barnet',
        '',
        '- Delayed days: 1,200 → 1,100 (−100, −8.3%)',
      ].join('\n'),
    );
    const national = changesFor(NATIONAL_REPORT, { perReport });
    expect(national).toBe(perReport.summary.join('\n'));
  });

  it('falls back to the whole of changes.md', () => {
    expect(changesFor(barnet, { markdown: '# Everything' })).toBe('# Everything');
    expect(changesFor(barnet, {})).toBeUndefined();
  });
});

describe('parseChangeReport', () => {
  it('reads headings, bullet lists (with continued lines) and paragraphs', () => {
    const blocks = parseChangeReport(
      '# Title\n## Area\nSome text\non two lines.\n\n* one `x`\n  more\n- two\nAfter.',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, runs: [{ text: 'Title', bold: false }] },
      { kind: 'heading', level: 4, runs: [{ text: 'Area', bold: false }] },
      { kind: 'paragraph', runs: [{ text: 'Some text on two lines.', bold: false }] },
      {
        kind: 'list',
        items: [
          [
            { text: 'one x', bold: false },
            { text: ' more', bold: false },
          ],
          [{ text: 'two', bold: false }],
        ],
      },
      { kind: 'paragraph', runs: [{ text: 'After.', bold: false }] },
    ]);
  });
});
