/**
 * A build replaces the whole output folder, so the output must not hold the content (the content
 * would be deleted with the old site), and must not sit inside it (it would be read as content,
 * and every rebuild would set off a watcher on the content again).
 */
import path from "node:path";

function inside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Why the two folders cannot be used together, or undefined when they can. */
export function folderOverlapProblem(contentDir: string, outputDir: string): string | undefined {
  const content = path.resolve(contentDir);
  const output = path.resolve(outputDir);
  if (inside(content, output) || inside(output, content)) {
    return `the output folder ${outputDir} and the content folder ${contentDir} must not contain one another`;
  }
  return undefined;
}
