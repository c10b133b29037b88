// Proof that the server-rendered pages come alive in the browser: navigation after
// hydration happens without a page load, so state kept in the page survives it.
import { test, expect, hydrated, openMenu } from "./fixtures";
import { categories, listing } from "./content";

test("navigating after hydration keeps the page alive", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));

  const category = categories()[2];
  await openMenu(page);
  await page.locator("nav.category-nav").getByRole("link", { name: category.name }).click();
  await expect(page).toHaveURL(`/list/${category.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(category.name);
  await expect(page).toHaveTitle(new RegExp(`^${category.name} - `));

  const first = listing(category.slug)[0];
  await page.getByRole("link", { name: first.title }).first().click();
  await expect(page).toHaveURL(`/article/${first.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);

  await page.goBack();
  await expect(page).toHaveURL(`/list/${category.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(category.name);

  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test("a client-side navigation to an unknown article shows the 404 page", async ({ page, expectConsole }) => {
  // The server function answers 404, which the browser logs.
  expectConsole(/status of 404/);
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  // A link inside the app to a missing page: the router renders the error without a reload.
  await page.evaluate(() => {
    const link = document.createElement("a");
    link.href = "/article/99999999";
    link.textContent = "missing";
    link.id = "missing-link";
    document.querySelector("main")!.appendChild(link);
  });
  await page.locator("#missing-link").click();
  await expect(page.locator(".error-page")).toContainText("您访问的页面不存在");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test("the slideshow advances by itself and pauses under the pointer", async ({ page }) => {
  test.slow(); // waits through several slide intervals
  await page.goto("/");
  await hydrated(page);
  const current = page.locator(".slide-dots a[aria-current]");
  await expect(current).toHaveText("1");
  await expect(current).toHaveText("2", { timeout: 8_000 });
  await page.locator(".slideshow").hover();
  await page.waitForTimeout(6_000);
  await expect(current).toHaveText("2");
  await page.mouse.move(0, 0);
  await expect(current).toHaveText("3", { timeout: 8_000 });
});

test("the Traditional view hydrates and navigates within itself", async ({ page }) => {
  await page.goto("/zh-hant");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await openMenu(page);
  await page.locator("nav.category-nav").getByRole("link", { name: "志願服務" }).click();
  await expect(page).toHaveURL("/zh-hant/list/volunteer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志願服務");
  await expect(page.locator(".pager .first")).toHaveText("首頁");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});
