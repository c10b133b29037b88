import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
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

// A second server for the editors' desk, over its own copy of the content (approvals write
// article files, which must not land in the repository) and its own data folder with one
// editor, created as an operator would, with the CLI.
const deskPort = port + 1;
export const deskURL = `http://127.0.0.1:${deskPort}`;
export const editor = { user: "e2e.editor", password: "a long e2e password 2026" };
if (process.env.WENMING_DESK_CONTENT === undefined) {
  const deskRoot = path.join(os.tmpdir(), `wenming-e2e-desk-${port}`);
  fs.rmSync(deskRoot, { recursive: true, force: true });
  fs.mkdirSync(deskRoot);
  process.env.WENMING_DESK_CONTENT = path.join(deskRoot, "content");
  process.env.WENMING_DESK_DATA = path.join(deskRoot, "data");
  fs.cpSync(content, process.env.WENMING_DESK_CONTENT, { recursive: true });
  execFileSync(server, ["admin", "--data", process.env.WENMING_DESK_DATA, "add", editor.user], {
    input: `${editor.password}\n`,
  });
}
const deskContent = process.env.WENMING_DESK_CONTENT;
const deskData = process.env.WENMING_DESK_DATA;

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
  webServer: [
    {
      command: `"${server}" serve --content "${content}" --data "${data}" --site-root "${siteRoot}" --addr 127.0.0.1:${port}`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `"${server}" serve --content "${deskContent}" --data "${deskData}" --site-root "${siteRoot}" --addr 127.0.0.1:${deskPort} --submit-limit 1000`,
      url: `${deskURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
