import { defineConfig } from "@playwright/test";

// Runs against a local cloud already serving the console (bin/check-console starts one): CONSOLE_URL is the console,
// API_URL the HTTP API (the same server). The browser is Debian's Chromium; Playwright downloads none.
export default defineConfig({
  testDir: "tests",
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Each test makes its own practice (the demo practice is only read), so tests run side by side: most of a test's
  // time is the functions' streams and queues at work, not the browser.
  fullyParallel: true,
  workers: Number(process.env.CONSOLE_TEST_WORKERS ?? 2),
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.CONSOLE_URL ?? "http://127.0.0.1:3000",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // No sandbox as root; nothing of Chromium's own reaches out (this machine's network is closed beyond registries).
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    acceptDownloads: true,
    trace: "retain-on-failure",
  },
});
