/** Types for bundle.mjs (plain JavaScript, so the launcher can use it before tsx is loaded). */
export declare function bundle(entry: string, pipelineDir: string): Promise<string | undefined>;
export declare const PIPELINE_DIR: string;
