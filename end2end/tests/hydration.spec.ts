// Proof that the server-rendered pages come alive in the browser. Pages are islands: the
// server sends complete HTML, and only the interactive parts (the slideshow, the article's
// view beacon and print button, the 投稿 form) are hydrated, each from props the server
// wrote into the page.
import { test, expect, hydrated, openMenu } from "./fixtures";
import { categories, listing } from "./content";

/** The islands a page carries, by component name (Leptos appends a hash to the name). */
async function islands(page: import("@playwright/test").Page): Promise<string[]> {
  const names = await page
    .locator("leptos-island")
    .evaluateAll((all) => all.map((el) => (el as HTMLElement).dataset.component ?? ""));
  return names.map((name) => name.replace(/_\d+$/, "")).sort();
}

test("each page hydrates exactly its interactive parts", async ({ page }) => {
  const article = listing()[0];
  const cases: [string, string[]][] = [
    ["/", ["SlideStrip"]],
    [`/list/${categories()[0].slug}`, []],
    [`/article/${article.id}`, ["PrintButton", "ViewBeacon"]],
    ["/ranking", []],
    ["/submit", ["SubmissionForm"]],
    ["/zh-hant", ["SlideStrip"]],
  ];
  for (const [url, expected] of cases) {
    await page.goto(url);
    await hydrated(page);
    expect(await islands(page), url).toEqual(expected);
  }
});

test("a hydrated print button prints, in either script", async ({ page }) => {
  const article = listing()[0];
  for (const [url, label] of [
    [`/article/${article.id}`, "打印"],
    [`/zh-hant/article/${article.id}`, "列印"],
  ]) {
    await page.goto(url);
    await hydrated(page);
    // Only a hydrated island has the click handler that calls print().
    await page.evaluate(() => {
      (window as any).__printed = 0;
      window.print = () => (window as any).__printed++;
    });
    await page.getByRole("button", { name: label }).click();
    expect(await page.evaluate(() => (window as any).__printed), url).toBe(1);
  }
});

test("a dot shows its slide in place; without hydration it would follow the link", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const dots = page.locator(".slide-dots a");
  expect(await dots.count()).toBeGreaterThan(2);
  await dots.nth(2).click();
  await expect(page.locator(".slide-dots a[aria-current]")).toHaveText("3");
  // The island's handler prevented the fragment navigation.
  expect(new URL(page.url()).hash).toBe("");
  // The strip scrolled to the third slide.
  await expect
    .poll(() =>
      page.locator(".slides").evaluate((strip) => Math.round(strip.scrollLeft / strip.clientWidth)),
    )
    .toBe(2);
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

test("following links loads each page whole, and its islands hydrate", async ({ page }) => {
  await page.goto("/zh-hant");
  await hydrated(page);
  await openMenu(page);
  await page.locator("nav.category-nav").getByRole("link", { name: "志願服務" }).click();
  await expect(page).toHaveURL("/zh-hant/list/volunteer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志願服務");
  await expect(page.locator(".pager .first")).toHaveText("首頁");

  const first = listing("volunteer")[0];
  await page.locator(".listing .title-list a").first().click();
  await expect(page).toHaveURL(`/zh-hant/article/${first.id}`);
  await hydrated(page);
  await expect(page.getByRole("button", { name: "列印" })).toBeVisible();
});
