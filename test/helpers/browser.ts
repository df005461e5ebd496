import puppeteer, { type Browser } from 'puppeteer-core';

/**
 * The installed Chromium, headless, driven by puppeteer-core (no browser download): for node
 * tests that look at whole pages, as a visitor's browser would.
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Root needs --no-sandbox; the rest keep Chromium from reaching for a network this machine does not have.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
