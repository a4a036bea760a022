/** Larger model files are refused before being read (a ~225k-parameter CNN exports to ~1 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
