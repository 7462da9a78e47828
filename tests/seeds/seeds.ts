/**
 * The real bulletins the seed tests read: text extracted from two PDFs, kept outside the
 * repository in ../shared/seeds (read, never copied). BULLETIN_SEEDS names another folder.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const SEEDS_DIR = path.resolve(process.env.BULLETIN_SEEDS ?? path.join(import.meta.dirname, "../../../shared/seeds"));

export const SEED_000 = "000_95f545b7620578b9.txt";
export const SEED_004 = "004_3a4c43a6573a62f4.txt";

const seedPath = (name: string) => path.join(SEEDS_DIR, name);
export const seed = (name: string) => readFileSync(seedPath(name));
