/** Modules made by Vite plugins at build time (src/build). */
declare module 'virtual:preset-index' {
  export const PRESET_INDEX: Array<{ id: string; name: string; seed: number }>;
  export const PRESET_LOADERS: Record<string, () => Promise<Record<string, unknown>>>;
}
