/**
 * The project's side of a distribution: the data, validated exactly as the build validates it
 * (its areas are what a recipient's report can name), the recipients, and the email templates.
 */
import { NATIONAL } from '../briefings/national.ts';
import { NATIONAL_CHART_IDS } from '../charts/specs/national.ts';
import { FileBuildEffects } from '../effects.ts';
import { ValidationFailed, type Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { validate } from '../stages/validate.ts';
import type { InputFile, ValidDataset } from '../types.ts';
import { decodeText } from '../validate/csv.ts';
import { problem } from '../validate/problems.ts';
import { scanTemplates } from '../validate/templates.ts';
import {
  compileMessageTemplates,
  HTML_TEMPLATE,
  TEXT_TEMPLATE,
  type MessageTemplates,
} from './message.ts';
import { STAKEHOLDERS_PATH, validateStakeholders } from './stakeholders.ts';
import type { Stakeholder } from './types.ts';

export interface ProjectInputs {
  valid: ValidDataset;
  stakeholders: Stakeholder[];
  /** Where the recipients file is, for located errors about its rows. */
  stakeholdersFile: string;
  templates: MessageTemplates;
}

/** A template's text, with its syntax checked; undefined (and a problem) when it cannot be used. */
function templateText(
  files: Map<string, InputFile>,
  path: string,
  problems: Problem[],
): string | undefined {
  const file = files.get(path);
  if (!file) {
    problems.push(problem(path, {}, msg.fileMissing(path)));
    return undefined;
  }
  const before = problems.length;
  scanTemplates([file], problems);
  return problems.length === before ? decodeText(file, problems) : undefined;
}

export async function loadProject(dataDir: string, templateDir: string): Promise<ProjectInputs> {
  const files = await new FileBuildEffects(process.cwd(), 'out').readInputs([dataDir, templateDir]);
  const valid = validate(
    { files },
    {
      dataDir,
      contentDir: `${dataDir}/${NATIONAL.content}`,
      templateDir: `${templateDir}/${NATIONAL.content}`,
      charts: NATIONAL_CHART_IDS,
      strict: false,
    },
  );
  const byPath = new Map(files.map((f) => [f.path, f]));
  const problems: Problem[] = [];
  const stakeholdersFile = `${dataDir}/${STAKEHOLDERS_PATH}`;
  const stakeholders = validateStakeholders(
    byPath.get(stakeholdersFile),
    stakeholdersFile,
    valid.dtoc,
    problems,
  );
  const html = templateText(byPath, `${templateDir}/${HTML_TEMPLATE}`, problems);
  const text = templateText(byPath, `${templateDir}/${TEXT_TEMPLATE}`, problems);
  if (problems.length || html === undefined || text === undefined)
    throw new ValidationFailed(problems);
  return { valid, stakeholders, stakeholdersFile, templates: compileMessageTemplates(html, text) };
}
