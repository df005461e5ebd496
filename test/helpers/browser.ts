import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * The installed Chromium, headless, driven by puppeteer-core (no browser download): for node
 * tests that look at whole pages, as a visitor's browser would.
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
