/**
 * Merge the outputs of several builds (a CI matrix: the national briefing on one runner, shares
 * of the areas on others) into one output folder with one manifest. Every part must come from the
 * same inputs and library versions; a file two parts both made must be identical; every file must
 * match its own part's manifest. The result is swapped in atomically, like a build's.
 */
import type { BuildEffects } from './effects.ts';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';
import { buildManifest, MANIFEST_PATH, sha256, type Manifest } from './output/manifest.ts';
import type { WrittenFile } from './output/staging.ts';
import type { InputFile } from './types.ts';

interface Part {
  dir: string;
  manifest: Manifest;
  files: InputFile[];
}

const fail = (def: ReturnType<typeof msg.mergeNotABuild>, file: string): never => {
  throw PipelineError.of(def, { file });
};

async function readPart(dir: string, effects: BuildEffects): Promise<Part> {
  const files = await effects.readTree(dir).catch(() => fail(msg.mergeNotABuild(dir), dir));
  const manifestFile =
    files.find((f) => f.path === MANIFEST_PATH) ?? fail(msg.mergeNotABuild(dir), dir);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestFile.bytes)) as Manifest;
  } catch {
    return fail(msg.mergeNotABuild(dir), `${dir}/${MANIFEST_PATH}`);
  }
  const listed = new Map(manifest.outputs.map((o) => [o.path, o.sha256]));
  for (const file of files) {
    if (file.path === MANIFEST_PATH) continue;
    if (listed.get(file.path) !== sha256(file.bytes))
      fail(msg.mergeCorrupt(file.path), `${dir}/${file.path}`);
  }
  const present = new Set(files.map((f) => f.path));
  const missing = manifest.outputs.find((o) => !present.has(o.path));
  if (missing) fail(msg.mergeCorrupt(missing.path, 'missing'), `${dir}/${missing.path}`);
  return { dir, manifest, files: files.filter((f) => f.path !== MANIFEST_PATH) };
}

/** Parts must describe the same build: same briefing, date, inputs and versions. */
function checkSameBuild(parts: Part[]): void {
  const key = (m: Manifest) => JSON.stringify([m.briefing, m.date, m.inputs, m.versions]);
  const first = parts[0]!;
  for (const part of parts.slice(1)) {
    if (key(part.manifest) !== key(first.manifest))
      fail(msg.mergeMismatch(first.dir, part.dir), `${part.dir}/${MANIFEST_PATH}`);
  }
}

export async function merge(
  dirs: string[],
  effects: BuildEffects,
): Promise<{ files: WrittenFile[] }> {
  const release = await effects.lockOutput();
  try {
    const parts: Part[] = [];
    for (const dir of dirs) parts.push(await readPart(dir, effects));
    checkSameBuild(parts);
    const output = await effects.openOutput();
    try {
      const written = new Map<string, { sha: string; dir: string }>();
      for (const part of parts) {
        for (const file of part.files) {
          const sha = sha256(file.bytes);
          const seen = written.get(file.path);
          if (seen && seen.sha !== sha)
            fail(msg.mergeConflict(file.path, seen.dir, part.dir), `${part.dir}/${file.path}`);
          if (seen) continue;
          written.set(file.path, { sha, dir: part.dir });
          await output.write(file);
        }
      }
      const { manifest } = parts[0]!;
      await output.write(
        buildManifest(
          { id: manifest.briefing, date: manifest.date },
          await output.files(),
          manifest.inputs,
          manifest.versions,
        ),
      );
      const files = await output.files();
      await output.commit();
      return { files };
    } catch (error) {
      await output.abort();
      throw error;
    }
  } finally {
    await release();
  }
}
