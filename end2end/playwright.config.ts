import { defineConfig, devices } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The Makefile passes the built server and site; the test starts and stops the server itself.
const root = path.resolve(__dirname, "..");
const server = process.env.WENMING_BIN ?? path.join(root, "target/release/wenming");
const siteRoot = process.env.WENMING_SITE_ROOT ?? path.join(root, "target/site");
const content = process.env.WENMING_CONTENT ?? path.join(root, "content");
const port = Number(process.env.WENMING_TEST_PORT ?? 3100);
// The runtime data folder (view counts): emptied when a run starts. Only the main process
// does that; the workers, which load this file too, inherit the path in the environment.
if (process.env.WENMING_TEST_DATA === undefined) {
  process.env.WENMING_TEST_DATA = path.join(os.tmpdir(), `wenming-e2e-data-${port}`);
  fs.rmSync(process.env.WENMING_TEST_DATA, { recursive: true, force: true });
  fs.mkdirSync(process.env.WENMING_TEST_DATA);
}
const data = process.env.WENMING_TEST_DATA;
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium (no browser download is possible here), flags for a closed network as root.
const chromium = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions: chromium },
      testIgnore: /screenshots\.spec\.ts/,
    },
    {
      name: "no-js",
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, launchOptions: chromium },
      // Hydration cannot happen without JavaScript; every other test runs here too.
      testIgnore: /(hydration|screenshots)\.spec\.ts/,
    },
  ],
  webServer: {
    command: `"${server}" serve --content "${content}" --data "${data}" --site-root "${siteRoot}" --addr 127.0.0.1:${port}`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
