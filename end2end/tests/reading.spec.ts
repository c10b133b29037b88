// The reading path, in every project (desktop, phone, JavaScript off).
import { test, expect, expectNoHorizontalScroll, openMenu } from "./fixtures";
import { categories, demoArticles, listing, perPage, siteField } from "./content";

const siteName = siteField("name");

test("home page shows the headline and every category's latest titles", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(siteName);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", siteField("description"));

  const headline = listing().find((a) => a.headline)!;
  await expect(page.locator(".headline h2 a").first()).toHaveText(headline.title);

  for (const category of categories()) {
    const section = page.locator(".home-section").filter({ has: page.getByRole("heading", { name: category.name }) });
    await expect(section.getByRole("link", { name: "更多>" })).toHaveAttribute("href", `/list/${category.slug}`);
    const latest = listing(category.slug).slice(0, 6).map((a) => a.title);
    await expect(section.locator(".title-list a")).toHaveText(latest);
  }
  await expectNoHorizontalScroll(page);
});

test("a category listing is newest first and paginated", async ({ page, expectConsole }) => {
  // The category with the most articles, so that there is a second page.
  const category = [...categories()].sort((a, b) => listing(b.slug).length - listing(a.slug).length)[0];
  const articles = listing(category.slug);
  const size = perPage();
  const pages = Math.ceil(articles.length / size);
  expect(pages, "the demo category should need more than one page").toBeGreaterThan(1);

  const response = await page.goto(`/list/${category.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(`${category.name} - ${siteName}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(category.name);
  await expect(page.locator(".listing .title-list a")).toHaveText(articles.slice(0, size).map((a) => a.title));
  await expect(page.locator(".listing .title-list time")).toHaveText(
    articles.slice(0, size).map((a) => a.dateText.slice(0, 10)),
  );
  await expect(page.locator("nav.category-nav a[aria-current=page]")).toHaveText(category.name);
  await expect(page.locator(".pager [aria-current=page]")).toHaveText("1");
  await expectNoHorizontalScroll(page);

  await page.locator(".pager").getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(`/list/${category.slug}/2`);
  await expect(page.locator(".pager [aria-current=page]")).toHaveText("2");
  await expect(page.locator(".listing .title-list a")).toHaveText(
    articles.slice(size, 2 * size).map((a) => a.title),
  );
  await expect(page.locator(`link[rel=canonical]`)).toHaveAttribute("href", `/list/${category.slug}/2`);

  expectConsole(/status of 404/);
  const beyond = await page.goto(`/list/${category.slug}/${pages + 1}`);
  expect(beyond?.status()).toBe(404);
  const zero = await page.goto(`/list/${category.slug}/0`);
  expect(zero?.status()).toBe(404);
});

test("an article page shows its title, meta line and body", async ({ page }) => {
  const article = listing().find((a) => a.source && a.author)!;
  const response = await page.goto(`/article/${article.id}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(`${article.title} - ${siteName}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(article.title);
  const meta = page.locator(".article-meta");
  await expect(meta).toContainText(`日期：${article.dateText.slice(0, 10)}`);
  await expect(meta).toContainText(`来源：${article.source}`);
  await expect(meta).toContainText(`作者：${article.author}`);
  await expect(page.locator(".article-body p").first()).toHaveText(article.firstParagraph);
  if (article.summary) {
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", article.summary);
  }
  const category = categories().find((c) => c.slug === article.category)!;
  await expect(page.locator(".breadcrumb")).toContainText(`首页 > ${category.name} > 正文`);
  await expectNoHorizontalScroll(page);
});

test("links lead from the home page to a listing and to an article", async ({ page }) => {
  await page.goto("/");
  const category = categories()[1];
  await openMenu(page);
  await page.locator("nav.category-nav").getByRole("link", { name: category.name }).click();
  await expect(page).toHaveURL(`/list/${category.slug}`);
  const first = listing(category.slug)[0];
  await page.getByRole("link", { name: first.title }).first().click();
  await expect(page).toHaveURL(`/article/${first.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);
});

test("unknown, draft and malformed addresses answer a real 404 page", async ({ page, expectConsole }) => {
  expectConsole(/status of 404/);
  const draft = demoArticles().find((a) => a.draft)!;
  for (const url of [`/article/${draft.id}`, "/article/99999999", "/article/abc", "/list/no-such-category", "/no/such/page"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.locator(".error-page"), url).toContainText("您访问的页面不存在");
    await expect(page.getByRole("link", { name: "返回首页" }).last()).toBeVisible();
  }
});
