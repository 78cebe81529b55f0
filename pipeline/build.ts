/**
 * The orchestrator. It only sequences the stages; each stage is a pure function in stages/.
 *
 *   data/ + templates/ ──read──▶ RawDataset
 *     1. validate   RawDataset → ValidDataset               (contracts, domain rules, claims)
 *   national briefing
 *     2. charts     ChartDef[] → ChartImage[]                (Vega-Lite → drawing → SVG, PNG)
 *     3. fill       template + figures + charts → FilledDoc  (Handlebars → HTML → blocks)
 *     4. emit       FilledDoc → PDF, HTML; validation report (pdfkit, page shell)
 *   area briefings
 *     5. models     ValidDataset → AreaModel[]               (every area's figures and ranks)
 *     6. areas      AreaModel → charts → fill → PDF, HTML    (worker threads and the main thread)
 *     7. index      AreaModel[] → areas/index.html
 *   8. changes      key figures vs the last distributed build → figures.json, changes.md/.json
 *   9. commit       files + manifest ──atomic swap──▶ out/
 */
import { AreaPool } from './batch/pool.ts';
import { selectAreas } from './batch/select.ts';
import { AREA_DIR, type AreaCommon } from './briefings/area.ts';
import { NATIONAL, nationalFill } from './briefings/national.ts';
import { compareSnapshots } from './changes/compare.ts';
import { changesFiles } from './changes/report.ts';
import { buildSnapshot } from './changes/snapshot.ts';
import { FIGURES_JSON, LAST_SENT, parseSnapshot } from './changes/state.ts';
import { NATIONAL_CHART_IDS, nationalCharts } from './charts/specs/national.ts';
import { overviewChart } from './charts/specs/overview.ts';
import { buildAreaModels, type AreaModels } from './domain/area-model.ts';
import { formatDate } from './domain/format.ts';
import type { BuildEffects } from './effects.ts';
import type { BuildOptions } from './options.ts';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';
import { buildManifest, sha256 } from './output/manifest.ts';
import type { OutputStage, WrittenFile } from './output/staging.ts';
import { renderCharts } from './stages/charts.ts';
import { emitHtml, type PageShell } from './stages/emit-html.ts';
import { emitIndex } from './stages/emit-index.ts';
import { emitPdf } from './stages/emit-pdf.ts';
import { emitValidationReport } from './stages/emit-report.ts';
import { fillTemplates } from './stages/fill.ts';
import { validate } from './stages/validate.ts';
import type { InputFile, OutputFile, ValidDataset } from './types.ts';
import { versions } from './versions.ts';

export { DEFAULT_OPTIONS, type BuildOptions } from './options.ts';

export interface BuildResult {
  files: WrittenFile[];
  warnings: number;
  failed: { name: string; code: string; message: string; file: string }[];
}

type Timed = <T>(stage: string, run: () => T | Promise<T>) => Promise<T>;
type Text = (path: string) => string;

/**
 * The national briefing's files, and its charts' PNG files to follow: libvips draws those on its
 * own threads, and the main thread renders areas rather than wait for them.
 */
async function national(
  valid: ValidDataset,
  text: Text,
  page: (name: string) => PageShell,
  timed: Timed,
): Promise<{ files: OutputFile[]; pngs: Promise<OutputFile[]> }> {
  // 2. Render the national charts, with standalone SVG and PNG files.
  const charts = await timed('charts', () => renderCharts(nationalCharts(valid), { files: true }));
  // 3. Fill the briefing template.
  const template = `${NATIONAL.content}/briefing.hbs`;
  const filled = await timed('fill', () =>
    fillTemplates(
      nationalFill(valid, charts, { path: page(template).path, source: text(template) }),
    ),
  );
  // 4. Emit the PDF, then the HTML (which states the PDF's size), and the validation report.
  const pdf = await timed('pdf', () => emitPdf(filled, charts));
  const html = await timed('html', () =>
    emitHtml(filled, charts, page('shared/page.html.hbs'), {
      pages: pdf.pages,
      bytes: pdf.bytes.length,
    }),
  );
  const report = emitValidationReport(
    valid,
    page('shared/validation-report.html.hbs'),
    NATIONAL.html,
  );
  const svgs: OutputFile[] = [];
  const pngs: Promise<OutputFile>[] = [];
  for (const c of charts)
    if (c.files) {
      svgs.push({ path: `charts/${c.id}.svg`, bytes: new TextEncoder().encode(c.files.svg) });
      pngs.push(c.files.png.then((bytes) => ({ path: `charts/${c.id}.png`, bytes })));
    }
  const allPngs = Promise.all(pngs);
  // Awaited once the areas are done; a failure meanwhile must not be left unhandled.
  allPngs.catch(() => undefined);
  return { files: [{ path: pdf.path, bytes: pdf.bytes }, html, ...svgs, ...report], pngs: allPngs };
}

async function areas(
  valid: ValidDataset,
  { models, distribution }: AreaModels,
  options: BuildOptions,
  text: Text,
  page: (name: string) => PageShell,
  output: OutputStage,
  pool: AreaPool,
  effects: BuildEffects,
  timed: Timed,
  { mainThreadFree }: { mainThreadFree: Promise<unknown> },
) {
  const chosen = selectAreas(models, options.areas, options.shard);
  const { meta, sources } = valid.briefing;
  const common: AreaCommon = {
    date: meta.date,
    dateLabel: formatDate(meta.date),
    lang: meta.lang,
    template: { path: page('area/briefing.hbs').path, source: text('area/briefing.hbs') },
    sources: ['nhse-dtoc', 'nao-2017'].map((id, i) => ({
      ...sources.find((s) => s.id === id)!,
      number: i + 1,
    })),
  };
  // 7. The index of every area, with an overview chart: made by the main thread once it is free
  //    (it needs only the models), while the workers render areas, and before it joins them.
  const index = mainThreadFree.then(async () => {
    const [overview] = await renderCharts([overviewChart(models)], { files: false });
    return emitIndex(models, overview!, page('area/index.html.hbs'), {
      title: 'Delayed transfers of care: briefings by local authority',
      lang: meta.lang,
      dateLabel: common.dateLabel,
      nationalHtml: NATIONAL.html,
    });
  });
  index.catch(() => undefined);
  // 6. Render each area in a worker thread, writing its files as they arrive; a failed area does not stop the others.
  const outcomes = await timed('areas', () =>
    pool.render(
      chosen,
      { distribution, common, shell: page('shared/page.html.hbs') },
      async (r, done, total) => {
        if (r.ok) await Promise.all(r.files.map((f) => output.write(f)));
        effects.log({ type: 'progress', done, total, item: r.name, ok: r.ok });
      },
      index,
    ),
  );
  await output.write(await index);
  return outcomes.flatMap((r) => (r.ok ? [] : [{ name: r.name, slug: r.slug, ...r.error }]));
}

const timer =
  (effects: BuildEffects): Timed =>
  async (stage, run) => {
    const start = effects.now();
    const result = await run();
    effects.log({ type: 'stage', stage, ms: effects.now() - start });
    return result;
  };

/** 0–1: read every input, validate it, and read the snapshot of the last distributed build. */
async function readAndValidate(options: BuildOptions, effects: BuildEffects, timed: Timed) {
  const { dataDir, templateDir } = options;
  const inputs = await timed('read', () => effects.readInputs([dataDir, templateDir]));
  // 1. Validate every input against its contract; settle every figure the briefing states.
  const valid = await timed('validate', () =>
    validate(
      { files: inputs },
      {
        dataDir,
        contentDir: `${dataDir}/${NATIONAL.content}`,
        templateDir: `${templateDir}/${NATIONAL.content}`,
        charts: NATIONAL_CHART_IDS,
        strict: options.strict,
        ...(options.date ? { date: options.date } : {}),
      },
    ),
  );
  for (const w of valid.report.warnings)
    effects.log({
      type: 'warning',
      text: `${w.at.file}:${w.at.line ?? ''} ${w.code}: ${w.message}`,
    });
  const stateFile = `${options.stateDir}/${LAST_SENT}`;
  const state = await effects.readOptional(stateFile);
  const since = state && parseSnapshot(state, stateFile);
  return {
    valid,
    since,
    // The state file is an input too: it decides what changes.md says.
    inputs: [...inputs, ...(state ? [{ path: stateFile, bytes: state }] : [])],
    text: (path: string) => textOf(inputs, `${templateDir}/${path}`),
  };
}

/** Validate every input and write nothing: `build:report -- --check`, CI's first step. */
export async function check(
  options: BuildOptions,
  effects: BuildEffects,
): Promise<{ warnings: number }> {
  const { valid } = await readAndValidate(options, effects, timer(effects));
  return { warnings: valid.report.warnings.length };
}

/**
 * Build everything. The area workers may have been started already (`started`, by the command
 * line, before it loaded this module), so they load and warm up while the main thread reads and
 * validates; the build owns them either way and stops them when it ends.
 */
export async function build(
  options: BuildOptions,
  effects: BuildEffects,
  started?: Promise<AreaPool>,
): Promise<BuildResult> {
  const starting = started ?? AreaPool.for(options);
  let release: (() => Promise<void>) | undefined;
  let pool: AreaPool | undefined;
  try {
    release = await effects.lockOutput();
    pool = await starting;
    const timed = timer(effects);
    const { dataDir, templateDir } = options;
    const { valid, since, inputs, text } = await readAndValidate(options, effects, timed);
    const css = text('shared/briefing.css');
    const page = (name: string): PageShell => ({
      path: `${templateDir}/${name}`,
      template: text(name),
      css,
    });

    // 5. Every area's figures (ranks need them all; the change report needs them even for
    //    a build of the national briefing alone).
    const models = await timed('models', () => buildAreaModels(valid.dtoc));

    const output = await effects.openOutput();
    try {
      // The areas render in the workers while the main thread makes the national briefing;
      // then the main thread renders areas too.
      let nationalDone!: { resolve: () => void; reject: (error: unknown) => void };
      const mainThreadFree = new Promise<void>((resolve, reject) => {
        nationalDone = { resolve, reject };
      });
      const areaWork =
        options.only === 'national'
          ? Promise.resolve([])
          : areas(valid, models, options, text, page, output, pool, effects, timed, {
              mainThreadFree,
            });
      // Settled later; a failure here must not leave it unhandled in the meantime.
      areaWork.catch(() => undefined);
      mainThreadFree.catch(() => undefined);
      // Choosing areas (--area, --shard) builds just those areas.
      const someAreas = options.areas.length > 0 || options.shard !== undefined;
      let pngs: Promise<OutputFile[]> = Promise.resolve([]);
      try {
        if (options.only !== 'areas' && !someAreas) {
          const made = await national(valid, text, page, timed);
          for (const file of made.files) await output.write(file);
          pngs = made.pngs;
        }
        nationalDone.resolve();
      } catch (error) {
        nationalDone.reject(error);
        throw error;
      }
      const failed = await areaWork;
      for (const file of await pngs) await output.write(file);

      // 8. The key figures, and what changed since the last distributed build. Every part of a
      //    CI matrix writes the same three files, so their outputs merge.
      const snapshot = buildSnapshot(valid, models.models, { inputs, dataDir, templateDir });
      const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
      for (const file of [
        { path: FIGURES_JSON, bytes: encode(snapshot) },
        ...changesFiles(compareSnapshots(since, snapshot)),
      ])
        await output.write(file);

      // 9. Keep what this build did not remake (a partial build keeps everything; a full build
      //    keeps only the previous briefing of an area that failed), add the manifest, swap in.
      const partial =
        options.only !== 'all' || options.areas.length > 0 || options.shard !== undefined;
      await output.carry(
        partial
          ? 'all'
          : failed.flatMap((f) => [`${AREA_DIR}/${f.slug}.pdf`, `${AREA_DIR}/${f.slug}.html`]),
      );
      await output.write(
        buildManifest(
          { id: valid.briefing.meta.id, date: valid.briefing.meta.date },
          await output.files(),
          inputs.map((f) => ({ path: f.path, sha256: sha256(f.bytes) })),
          versions(),
        ),
      );
      const files = await output.files();
      await timed('write', () => output.commit());
      return { files, warnings: valid.report.warnings.length, failed };
    } catch (error) {
      await output.abort();
      throw error;
    }
  } finally {
    await (pool ?? (await starting.catch(() => undefined)))?.destroy();
    await release?.();
  }
}

function textOf(files: InputFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) {
    const def = msg.fileMissing(path);
    throw PipelineError.of(def, { file: path });
  }
  return new TextDecoder().decode(file.bytes);
}
