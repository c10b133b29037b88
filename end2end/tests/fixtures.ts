import { test as base, expect, Page } from "@playwright/test";

type Fixtures = {
  /** Console messages a test expects (a 404 page logs its own status): matched and removed. */
  expectConsole: (pattern: RegExp) => void;
};

/**
 * Every test fails on any uncaught page error or console error it did not announce, and on
 * an island the page names but the bundle lacks (Leptos only warns about that).
 */
export const test = base.extend<Fixtures>({
  expectConsole: [
    async ({ page }, use) => {
      const expected: RegExp[] = [];
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() === "warning" && /Could not find WASM function/.test(text)) {
          problems.push(`missing island: ${text}`);
        }
        if (message.type() !== "error") return;
        if (!expected.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`);
      });
      await use((pattern) => expected.push(pattern));
      expect(problems, "the page logged errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Resolves once the page's islands have hydrated: the bundle marks <html> in a task queued
 * before Leptos hydrates them, which runs only after they all have.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 15_000 });
}

/** No part of the page is wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "page is wider than the viewport").toBeLessThanOrEqual(innerWidth);
}

/** On a phone the category menu sits behind its button: open it (a no-op on a desktop). */
export async function openMenu(page: Page): Promise<void> {
  const button = page.locator(".menu-button");
  if (await button.isVisible()) {
    await button.click();
    await expect(page.locator("nav.category-nav ul")).toBeVisible();
  }
}
