/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 * The flags keep Chromium from reaching for the network, which this machine does not have.
 */
import { type Browser, chromium, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A page that records every CSP violation event, CSP console message and script error. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; reports: string[] }> {
  const page = await browser.newPage();
  const reports: string[] = [];
  await page.exposeFunction("reportViolation", (report: string) => reports.push(report));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportViolation(r: string): void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`),
    ),
  );
  page.on("console", (message) => {
    if (/content.security.policy|refused to/i.test(message.text())) reports.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => reports.push(`script error: ${error.message}`));
  return { page, reports };
}
