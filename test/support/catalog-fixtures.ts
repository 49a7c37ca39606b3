/** Test support: copies of the shipped catalog files, edited and written to a temp dir. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG_DIR } from '../../src/catalog/catalog.loader';

export type CatalogTexts = Record<string, string>;

export function shippedTexts(): CatalogTexts {
  const texts: CatalogTexts = {};
  for (const name of readdirSync(DEFAULT_CATALOG_DIR)) texts[name] = readFileSync(join(DEFAULT_CATALOG_DIR, name), 'utf8');
  return texts;
}

const dirs: string[] = [];

/** Writes the shipped files, after `edit`, to a fresh temp dir; returns it and the texts written. */
export function catalogDir(edit: (texts: CatalogTexts) => void = () => undefined): { dir: string; texts: CatalogTexts } {
  const texts = shippedTexts();
  edit(texts);
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
  return { dir, texts };
}

export function removeCatalogDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Replaces exactly one occurrence of `from` after the first occurrence of `anchor`. */
export function replaceAfter(text: string, anchor: string, from: string, to: string): string {
  const start = text.indexOf(anchor);
  if (start < 0) throw new Error(`anchor not found: ${anchor}`);
  const at = text.indexOf(from, start);
  if (at < 0) throw new Error(`"${from}" not found after ${anchor}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line of the first occurrence of `needle` after the first occurrence of `anchor`. */
export function lineAfter(text: string, anchor: string, needle: string): number {
  const start = text.indexOf(anchor);
  const at = text.indexOf(needle, start < 0 ? 0 : start);
  if (start < 0 || at < 0) throw new Error(`"${needle}" not found after ${anchor}`);
  return text.slice(0, at).split('\n').length;
}
