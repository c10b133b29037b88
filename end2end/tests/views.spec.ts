import { APIRequestContext, Page } from "@playwright/test";
import { categories, DemoArticle, listing } from "./content";
import { expect, hydrated, test } from "./fixtures";

// Each project (desktop, phone, no-js) views an article of its own that no other test
// opens, so counts from the projects running side by side never mix.
const PROJECTS = ["desktop", "phone", "no-js"];

function articleFor(project: string): DemoArticle {
  const category = categories()[categories().length - 1].slug;
  const article = listing(category)[3 + PROJECTS.indexOf(project)];
  expect(article, `an article for ${project}`).toBeDefined();
  return article;
}

/** The 点击数 the server renders, fetched without running the page: fetching is not viewing. */
async function shownViews(request: APIRequestContext, id: number): Promise<number> {
  const html = await (await request.get(`/article/${id}`)).text();
  const match = /data-views="(\d+)"/.exec(html);
  expect(match, "the article page shows its count").not.toBeNull();
  return Number(match![1]);
}

async function open(page: Page, url: string, project: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  if (project !== "no-js") await hydrated(page);
}

test("opening an article counts once, a reload within the window does not, and the ranking shows it", async ({
  page,
  request,
}, testInfo) => {
  const project = testInfo.project.name;
  const article = articleFor(project);
  // Zero in a fresh run; relative, so that a retry of this test still means what it says.
  const before = await shownViews(request, article.id);

  // With JavaScript the page sends the view after hydration; without, its noscript image.
  await open(page, `/article/${article.id}`, project);
  await expect.poll(() => shownViews(request, article.id), { timeout: 5_000 }).toBe(before + 1);

  await open(page, `/article/${article.id}`, project);
  await page.reload();
  if (project !== "no-js") await hydrated(page);
  // Longer than the counter's flush interval: a second view would show by now.
  await page.waitForTimeout(2_000);
  expect(await shownViews(request, article.id)).toBe(before + 1);
  await expect(page.locator(".article-meta [data-views]")).toHaveText(String(before + 1));

  // The ranking page lists it with its count, in its category and in all windows.
  const category = article.category;
  for (const url of [`/ranking?window=day`, `/ranking?window=all&category=${category}`]) {
    await open(page, url, project);
    const row = page.locator(".ranking-page .ranked-list li", { hasText: article.title });
    await expect(row.locator(".count"), url).toHaveText(String(before + 1));
  }
  // Another category's ranking does not.
  const other = categories().find((c) => c.slug !== category)!.slug;
  await open(page, `/ranking?window=all&category=${other}`, project);
  await expect(page.locator(".ranking-page").getByText(article.title)).toHaveCount(0);
});

test("the sidebar's ranking switches windows with or without JavaScript", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  await open(page, `/list/${categories()[0].slug}`, project);
  const block = page.locator("#most-viewed");
  // The last 7 days unless the reader picks another window.
  await expect(block.getByRole("radio", { name: "周榜" })).toBeChecked();
  await expect(block.locator(".rank-week")).toBeVisible();
  await expect(block.locator(".rank-day")).toBeHidden();
  await block.getByText("总榜", { exact: true }).click();
  await expect(block.getByRole("radio", { name: "总榜" })).toBeChecked();
  await expect(block.locator(".rank-all")).toBeVisible();
  await expect(block.locator(".rank-week")).toBeHidden();
  await expect(block.getByRole("link", { name: "更多>" })).toHaveAttribute("href", "/ranking");
});

test("a view beacon for an unknown article is refused", async ({ request }) => {
  const response = await request.post("/views/99999999", { headers: { "sec-fetch-site": "same-origin" } });
  expect(response.status()).toBe(404);
});
