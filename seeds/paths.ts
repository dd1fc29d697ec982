/** Where the seed material lives, resolved from this file so that any working directory works. */
import { fileURLToPath } from 'node:url';

export const SOURCES_DIR = fileURLToPath(new URL('./sources/', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** The repository-relative path of a source document, as event provenance names it. */
export const sourcePath = (file: string): string => `seeds/sources/${file}`;
