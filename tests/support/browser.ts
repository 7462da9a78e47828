/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
 * The flags keep Chromium from reaching for the network, which this machine does not have.
 */
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
