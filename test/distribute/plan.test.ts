/**
 * The plan: each recipient's PDF from the manifest, less what the ledger shows was delivered, and
 * less an unchanged report that the ledger shows the recipient had from an earlier build.
 */
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

const cleo: Stakeholder = {
  line: 4,
  name: 'Cleo Example',
  email: 'cleo@example.org',
  organisation: 'Example Institute',
  report: NATIONAL_REPORT,
};

const entry = (
  recipient: string,
  sha256: string,
  report = 'national',
  time = '2026-11-23T09:00:00.000Z',
): LedgerEntry => ({ recipient, report, sha256, messageId: '<x@example.org>', time });

function plan(stakeholders: Stakeholder[], ledger: LedgerEntry[] = [], unchanged: string[] = []) {
  const problems: Problem[] = [];
  const p = planDistribution(stakeholders, manifest, ledger, FILE, problems, new Set(unchanged));
  return { plan: p, problems };
}

const names = (deliveries: { stakeholder: Stakeholder }[]): string[] =>
  deliveries.map((d) => d.stakeholder.name);

describe('planDistribution', () => {
  it('gives each recipient their report’s PDF, with its size and sha256 from the manifest', () => {
    expect(reportPdf(NATIONAL_REPORT)).toBe('bcf-briefing.pdf');
    const { plan: p, problems } = plan([ada, ben]);
    expect(problems).toEqual([]);
    expect(p.delivered).toEqual([]);
    expect(p.upToDate).toEqual([]);
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

  it('does not send an unchanged report again to someone who had it from an earlier build', () => {
    // An earlier build's PDF (another sha256), with the address in another case; the latest counts.
    const earlier = entry('ada@example.org', sha('0'), 'national', '2026-10-23T09:00:00.000Z');
    const latest = entry('ADA@example.org', sha('1'), 'national', '2026-10-30T09:00:00.000Z');
    const { plan: p, problems } = plan([ada, ben], [earlier, latest], ['national']);
    expect(problems).toEqual([]);
    expect(names(p.toSend)).toEqual(['Ben Example']);
    expect(p.delivered).toEqual([]);
    expect(p.upToDate).toEqual([{ stakeholder: ada, report: 'national', entry: latest }]);
  });

  it('still sends an unchanged report to a new recipient, and to one who had another report', () => {
    const ledger = [entry('ada@example.org', sha('0')), entry('ben@example.gov.uk', sha('0'))];
    const { plan: p } = plan([ada, ben, cleo], ledger, ['national', 'barnet']);
    expect(names(p.upToDate)).toEqual(['Ada Example']);
    // Ben had the national briefing, never Barnet's; Cleo had nothing.
    expect(names(p.toSend)).toEqual(['Ben Example', 'Cleo Example']);
  });

  it('sends a changed report to someone who had an earlier build of it', () => {
    const ledger = [
      entry('ada@example.org', sha('0')),
      entry('ben@example.gov.uk', sha('0'), 'barnet'),
    ];
    // Barnet is unchanged; the national briefing is not.
    const { plan: p } = plan([ada, ben], ledger, ['barnet']);
    expect(names(p.toSend)).toEqual(['Ada Example']);
    expect(names(p.upToDate)).toEqual(['Ben Example']);
    // Without the change report's statuses, every earlier build is out of date.
    expect(names(plan([ada, ben], ledger).plan.toSend)).toEqual(['Ada Example', 'Ben Example']);
  });

  it('counts this very PDF in the ledger as delivered, whether or not the report changed', () => {
    const { plan: p } = plan([ada], [entry('ada@example.org', sha('a'))], ['national']);
    expect(p.toSend).toEqual([]);
    expect(p.upToDate).toEqual([]);
    expect(p.delivered.map((d) => d.entry.sha256)).toEqual([sha('a')]);
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
