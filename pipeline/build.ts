/**
 * The orchestrator. It only sequences the stages; each stage is a pure function in stages/.
 *
 *   data/ + templates/ ──read──▶ RawDataset
 *     1. validate      RawDataset → ValidDataset          (contracts, domain rules, claims)
 *     2. charts        ChartDef[] → ChartImage[]           (Vega-Lite → SVG → PNG)
 *     3. fill          ValidDataset + charts → FilledDoc   (Handlebars → HTML → blocks)
 *     4. emit          FilledDoc → PDF, HTML; validation report (pdfkit, page shell)
 *     5. commit        files + manifest ──atomic swap──▶ out/
 */
import type { BuildEffects } from './effects.ts';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';
import { nationalCharts } from './charts/specs/national.ts';
import { buildManifest } from './output/manifest.ts';
import { renderCharts } from './stages/charts.ts';
import { emitHtml } from './stages/emit-html.ts';
import { emitPdf } from './stages/emit-pdf.ts';
import { emitValidationReport } from './stages/emit-report.ts';
import { fillTemplates } from './stages/fill.ts';
import { NATIONAL, nationalFill } from './briefings/national.ts';
import { validate } from './stages/validate.ts';
import type { InputFile, OutputFile } from './types.ts';
import { versions } from './versions.ts';

export interface BuildOptions {
  dataDir: string;
  templateDir: string;
  /** Treat validation warnings as errors. */
  strict: boolean;
  /** Briefing date (ISO) from SOURCE_DATE_EPOCH, if set. */
  date?: string;
}

export const DEFAULT_OPTIONS: BuildOptions = {
  dataDir: 'data',
  templateDir: 'templates',
  strict: false,
};

export interface BuildResult {
  files: OutputFile[];
  warnings: number;
}

function textOf(files: InputFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) {
    const def = msg.fileMissing(path);
    throw new PipelineError(def.code, def.message, { file: path }, def.hint);
  }
  return new TextDecoder().decode(file.bytes);
}

export async function build(options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  const release = await effects.lockOutput();
  try {
    const timed = async <T>(stage: string, run: () => T | Promise<T>): Promise<T> => {
      const start = effects.now();
      const result = await run();
      effects.log({ type: 'stage', stage, ms: effects.now() - start });
      return result;
    };
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
          strict: options.strict,
          ...(options.date ? { date: options.date } : {}),
        },
      ),
    );
    for (const warning of valid.report.warnings)
      effects.log({
        type: 'warning',
        text: `${warning.at.file}:${warning.at.line ?? ''} ${warning.code}: ${warning.message}`,
      });

    // 2. Render charts from pure Vega-Lite specs.
    const charts = await timed('charts', () =>
      renderCharts(nationalCharts(valid), { files: true }),
    );

    // 3. Fill the briefing template.
    const templatePath = `${templateDir}/${NATIONAL.content}/briefing.hbs`;
    const filled = await timed('fill', () =>
      fillTemplates(
        nationalFill(valid, charts, { path: templatePath, source: textOf(inputs, templatePath) }),
      ),
    );

    // 4. Emit the PDF, then the HTML (which links to the PDF and states its size).
    const pdf = await timed('pdf', () => emitPdf(filled, charts));
    const css = textOf(inputs, `${templateDir}/shared/briefing.css`);
    const page = (name: string) => {
      const path = `${templateDir}/shared/${name}`;
      return { path, template: textOf(inputs, path), css };
    };
    const html = await timed('html', () =>
      emitHtml(filled, page('page.html.hbs'), { pages: pdf.pages, bytes: pdf.bytes.length }),
    );
    const report = emitValidationReport(valid, page('validation-report.html.hbs'), NATIONAL.html);

    // 5. Write everything, with a manifest, by swapping in a complete new output folder.
    const chartFiles = charts.flatMap((c) =>
      c.files
        ? [
            { path: `charts/${c.id}.svg`, bytes: new TextEncoder().encode(c.files.svg) },
            { path: `charts/${c.id}.png`, bytes: c.files.png },
          ]
        : [],
    );
    const outputs: OutputFile[] = [
      { path: pdf.path, bytes: pdf.bytes },
      html,
      ...chartFiles,
      ...report,
    ];
    const files = [
      ...outputs,
      buildManifest(
        { id: valid.briefing.meta.id, date: valid.briefing.meta.date },
        outputs,
        inputs,
        versions(),
      ),
    ];
    await timed('write', () => effects.commitOutput(files));
    return { files, warnings: valid.report.warnings.length };
  } finally {
    await release();
  }
}
