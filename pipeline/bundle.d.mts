/** Types for bundle.mjs (plain JavaScript, so the launcher can use it before tsx is loaded). */
export declare function bundle(entry: string, pipelineDir: string): Promise<string | undefined>;
export declare function loadCommonJs(file: string): {
  exports: Record<string, unknown>;
  /** Whether V8 compiled the bundle from the cache. */
  cacheUsed: boolean;
  saveCache(): void;
};
export declare const PIPELINE_DIR: string;
