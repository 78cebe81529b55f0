/** The change report: snapshots of the real data, compared after the changes a month can bring. */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, type ReportChange } from '../../pipeline/changes/compare.ts';
import {
  changesFiles,
  changesMarkdown,
  labelDifference,
  reportLines,
} from '../../pipeline/changes/report.ts';
import { buildSnapshot, type Snapshot } from '../../pipeline/changes/snapshot.ts';
import { parseSnapshot } from '../../pipeline/changes/state.ts';
import { buildAreaModels } from '../../pipeline/domain/area-model.ts';
import { PipelineError } from '../../pipeline/errors.ts';
import { projectInputs, realValid } from '../helpers/project.ts';

let snapshot: Snapshot;
const copy = (): Snapshot => structuredClone(snapshot);
const report = (s: Snapshot, id: string) => s.reports.find((r) => r.id === id)!;
const change = (c: ReturnType<typeof compareSnapshots>, id: string): ReportChange =>
  c.reports.find((r) => r.id === id)!;

beforeAll(async () => {
  const valid = await realValid();
  snapshot = buildSnapshot(valid, buildAreaModels(valid.dtoc).models, {
    inputs: await projectInputs(),
    dataDir: 'data',
    templateDir: 'templates',
  });
});

describe('the snapshot of key figures', () => {
  it('has the national briefing and every area, each with the figures its briefing states', async () => {
    const valid = await realValid();
    expect(snapshot.reports).toHaveLength(valid.dtoc.areas.length + 1);
    const national = report(snapshot, 'national');
    expect(national.figures.map((f) => f.id)).toEqual(valid.briefing.claims.map((c) => c.id));
    const barnet = report(snapshot, 'barnet');
    const model = buildAreaModels(valid.dtoc).models.find((m) => m.slug === 'barnet')!;
    expect(barnet.figures.find((f) => f.id === 'latest-year-days')!.value).toBe(model.latest.days);
    expect(barnet.monthly.days).toEqual(model.monthly.map((m) => m.days));
    expect(barnet.code).toBe('E09000003');
  });

  it('survives a trip through state/last-sent.json', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(snapshot));
    expect(parseSnapshot(bytes, 'state/last-sent.json')).toEqual(snapshot);
  });
});

describe('comparing with the last distributed build', () => {
  it('with none, every report is new and there is something to send', () => {
    const c = compareSnapshots(null, snapshot);
    expect(c.changed).toBe(true);
    expect(c.counts).toEqual({
      new: snapshot.reports.length,
      changed: 0,
      unchanged: 0,
      removed: 0,
    });
    expect(changesMarkdown(c)).toContain('No briefing has been distributed yet');
  });

  it('with the same content, nothing changed and nothing is to be sent (the date does not count)', () => {
    const before = copy();
    before.date = '2026-10-23';
    const c = compareSnapshots(before, snapshot);
    expect(c.changed).toBe(false);
    expect(c.counts.unchanged).toBe(snapshot.reports.length);
    expect(changesMarkdown(c)).toContain('there is nothing new to send');
    expect(changesMarkdown(c)).not.toContain('## Areas');
  });

  it('reports a month added, with its value, for every report that has it', () => {
    const before = copy();
    for (const r of before.reports) r.monthly.days.pop();
    const last = snapshot.months.last;
    before.months.last = last === '2019-03' ? '2019-02' : before.months.last;
    before.reports.forEach((r) => (r.fingerprint = '0'.repeat(64)));
    const c = compareSnapshots(before, snapshot);
    expect(c.monthsAdded).toEqual([last]);
    const barnet = change(c, 'barnet');
    const days = report(snapshot, 'barnet').monthly.days.at(-1)!;
    expect(barnet.monthsAdded).toEqual([{ month: last, days }]);
    expect(reportLines(barnet)).toContain(
      `New data: March 2019, ${days.toLocaleString('en-GB')} delayed days.`,
    );
    expect(changesMarkdown(c)).toContain('1 month added (March 2019)');
  });

  it('reports a figure that moved, by how much, and a revised earlier month', () => {
    const before = copy();
    const barnet = report(before, 'barnet');
    const days = barnet.figures.find((f) => f.id === 'latest-year-days')!;
    const now = days.value!;
    days.value = now - 100;
    barnet.monthly.days[10] = barnet.monthly.days[10]! + 7;
    barnet.fingerprint = '0'.repeat(64);
    const c = compareSnapshots(before, snapshot);
    expect(c.counts).toMatchObject({ changed: 1, unchanged: snapshot.reports.length - 1 });
    const lines = reportLines(change(c, 'barnet'));
    const pct = ((100 / (now - 100)) * 100).toFixed(1);
    expect(lines[0]).toBe(
      `${days.label}: ${(now - 100).toLocaleString('en-GB')} → ${now.toLocaleString('en-GB')} (+100, +${pct}%)`,
    );
    expect(lines[1]).toMatch(/^Revised: 1 earlier month \(February 2012 [\d,]+ → [\d,]+\)\.$/);
    const md = changesMarkdown(c);
    expect(md).toContain('### Barnet (E09000003)');
    expect(md).not.toContain('### Barking');
  });

  it('a share that moved is given in percentage points, with its sign for a change', () => {
    const before = copy();
    const kent = report(before, 'kent');
    const share = kent.figures.find((f) => f.id === 'social-care-share')!;
    const change1 = kent.figures.find((f) => f.id === 'latest-year-change')!;
    share.value = share.value! - 2.5;
    change1.value = change1.value! + 1;
    kent.fingerprint = '0'.repeat(64);
    const lines = reportLines(change(compareSnapshots(before, snapshot), 'kent'));
    expect(lines.find((l) => l.startsWith(share.label))).toMatch(/ \(\+2\.5 points\)$/);
    expect(lines.find((l) => l.startsWith(change1.label))).toMatch(
      /: [+−][\d.]+% → [+−][\d.]+% \(−1\.0 points\)$/,
    );
  });

  it('a figure that now covers a new year says what it gave for the old one', () => {
    expect(labelDifference('Delayed days, 2017-18', 'Delayed days, 2018-19')).toBe('2017-18');
    expect(
      labelDifference(
        'Change in delayed days, 2017-18 on 2016-17',
        'Change in delayed days, 2018-19 on 2017-18',
      ),
    ).toBe('2017-18 on 2016-17');
    const before = copy();
    const derby = report(before, 'derby');
    const days = derby.figures.find((f) => f.id === 'latest-year-days')!;
    days.label = days.label.replace(/\d{4}-\d{2}$/, '2016-17');
    days.value = 1234;
    derby.fingerprint = '0'.repeat(64);
    const line = reportLines(change(compareSnapshots(before, snapshot), 'derby'))[0]!;
    expect(line).toMatch(
      /^Delayed days, \d{4}-\d{2}: [\d,]+ \(the last briefing sent gave 1,234 for 2016-17\)$/,
    );
  });

  it('names areas added and removed', () => {
    const before = copy();
    before.reports = before.reports.filter((r) => r.id !== 'york');
    before.reports.push({
      ...report(before, 'derby'),
      id: 'old-town',
      name: 'Old Town',
      code: 'E0000001',
    });
    const c = compareSnapshots(before, snapshot);
    expect(change(c, 'york').status).toBe('new');
    expect(change(c, 'old-town').status).toBe('removed');
    expect(c.counts).toMatchObject({ new: 1, removed: 1 });
    const md = changesMarkdown(c);
    expect(md).toContain('### York (E06000014)\n\n- New report');
    expect(md).toContain('### Old Town (E0000001)\n\n- No longer produced');
  });

  it('a change in wording alone still counts as a change', () => {
    const before = copy();
    report(before, 'national').fingerprint = '0'.repeat(64);
    const c = compareSnapshots(before, snapshot);
    expect(c.changed).toBe(true);
    expect(reportLines(change(c, 'national'))).toEqual([
      'Wording or presentation changed; no key figure moved.',
    ]);
  });

  it('changes.json carries each report its own lines, for the email', () => {
    const before = copy();
    report(before, 'barnet').fingerprint = '0'.repeat(64);
    const [md, json] = changesFiles(compareSnapshots(before, snapshot));
    expect(md!.path).toBe('changes.md');
    const parsed = JSON.parse(new TextDecoder().decode(json!.bytes)) as {
      changed: boolean;
      reports: { id: string; status: string; lines: string[] }[];
    };
    expect(parsed.changed).toBe(true);
    expect(parsed.reports.find((r) => r.id === 'barnet')).toMatchObject({
      status: 'changed',
      lines: ['Wording or presentation changed; no key figure moved.'],
    });
    expect(parsed.reports.find((r) => r.id === 'derby')!.status).toBe('unchanged');
  });
});

describe('a damaged state file', () => {
  const parse = (text: string) => () =>
    parseSnapshot(new TextEncoder().encode(text), 'state/last-sent.json');

  it('that is not JSON is a located error, not "everything is new"', () => {
    expect(parse('{"format": 1,')).toThrow(PipelineError);
    try {
      parse('{"format": 1,')();
    } catch (error) {
      const e = error as PipelineError;
      expect(e.code).toBe('STATE_INVALID');
      expect(e.at.file).toBe('state/last-sent.json');
      expect(e.hint).toMatch(/restore it|delete it/);
    }
  });

  it('names the field that is wrong', () => {
    const bad = structuredClone(snapshot) as unknown as {
      reports: { monthly: { first: string } }[];
    };
    bad.reports[3]!.monthly.first = 'March 2019';
    try {
      parse(JSON.stringify(bad))();
      expect.unreachable();
    } catch (error) {
      const e = error as PipelineError;
      expect(e.code).toBe('STATE_INVALID');
      expect(e.at.field).toBe('reports.3.monthly.first');
      expect(e.message).toContain('a month as YYYY-MM');
    }
  });
});
