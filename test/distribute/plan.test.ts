/** The plan: each recipient's PDF from the manifest, less what the ledger shows was delivered. */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../pipeline/errors.ts';
import type { Manifest } from '../../pipeline/output/manifest.ts';
import { NATIONAL_REPORT } from '../../pipeline/distribute/stakeholders.ts';
import { planDistribution, reportPdf } from '../../pipeline/distribute/plan.ts';
import type { LedgerEntry, Stakeholder } from '../../pipeline/distribute/types.ts';

const FILE = 'data/stakeholders.csv';
const sha = (c: string): string => c.repeat(64);

const manifest: Manifest = {
  briefing: 'bcf-briefing',
  date: '2026-11-23',
  outputs: [
    { path: 'areas/barnet.pdf', bytes: 80_000, sha256: sha('b') },
    { path: 'areas/barnet.html', bytes: 150_000, sha256: sha('c') },
    { path: 'bcf-briefing.pdf', bytes: 120_000, sha256: sha('a') },
  ],
  inputs: [],
  versions: {},
};

const ada: Stakeholder = {
  line: 2,
  name: 'Ada Example',
  email: 'Ada@Example.org',
  organisation: 'Example Trust',
  report: NATIONAL_REPORT,
};
const ben: Stakeholder = {
  line: 3,
  name: 'Ben Example',
  email: 'ben@example.gov.uk',
  organisation: 'Barnet Council',
  report: { kind: 'area', id: 'barnet', label: 'Barnet' },
};

const entry = (recipient: string, sha256: string): LedgerEntry => ({
  recipient,
  report: 'national',
  sha256,
  messageId: '<x@example.org>',
  time: '2026-11-23T09:00:00.000Z',
});

function plan(stakeholders: Stakeholder[], ledger: LedgerEntry[] = []) {
  const problems: Problem[] = [];
  return { plan: planDistribution(stakeholders, manifest, ledger, FILE, problems), problems };
}

describe('planDistribution', () => {
  it('gives each recipient their report’s PDF, with its size and sha256 from the manifest', () => {
    expect(reportPdf(NATIONAL_REPORT)).toBe('bcf-briefing.pdf');
    const { plan: p, problems } = plan([ada, ben]);
    expect(problems).toEqual([]);
    expect(p.delivered).toEqual([]);
    expect(p.toSend.map((d) => [d.stakeholder.name, d.pdf])).toEqual([
      ['Ada Example', { path: 'bcf-briefing.pdf', bytes: 120_000, sha256: sha('a') }],
      ['Ben Example', { path: 'areas/barnet.pdf', bytes: 80_000, sha256: sha('b') }],
    ]);
  });

  it('leaves out what the ledger shows this person already has (address in any case)', () => {
    const { plan: p } = plan([ada, ben], [entry('ada@example.org', sha('a'))]);
    expect(p.toSend.map((d) => d.stakeholder.name)).toEqual(['Ben Example']);
    expect(p.delivered.map((d) => [d.delivery.stakeholder.name, d.entry.sha256])).toEqual([
      ['Ada Example', sha('a')],
    ]);
  });

  it('sends again when the content changed, and never someone else’s delivery', () => {
    const { plan: p } = plan(
      [ada, ben],
      [entry('ada@example.org', sha('0')), entry('someone@example.org', sha('b'))],
    );
    expect(p.toSend.map((d) => d.stakeholder.name)).toEqual(['Ada Example', 'Ben Example']);
  });

  it('DISTRIBUTE_REPORT_NOT_BUILT: a report the build did not make, at the recipient’s row', () => {
    const derby: Stakeholder = {
      ...ben,
      line: 7,
      report: { kind: 'area', id: 'derby', label: 'Derby' },
    };
    const { plan: p, problems } = plan([ada, derby]);
    expect(problems.map((x) => [x.code, x.at])).toEqual([
      ['DISTRIBUTE_REPORT_NOT_BUILT', { file: FILE, line: 7, field: 'report' }],
    ]);
    expect(p.toSend).toHaveLength(1);
  });
});
