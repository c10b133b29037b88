// Every block of the reference page, the home page's slideshow, pagination edges and the
// phone layout. Runs on desktop, phone and with JavaScript off.
import { test, expect, expectNoHorizontalScroll, hydrated, openMenu } from "./fixtures";
import { categories, demoArticles, listing, perPage, siteField } from "./content";

const jsEnabled = (projectName: string) => projectName !== "no-js";

test("header and footer carry the site's identity on every page", async ({ page }) => {
  for (const url of ["/", `/list/${categories()[0].slug}`, `/article/${listing()[0].id}`]) {
    await page.goto(url);
    const header = page.locator("header.site-header");
    await expect(header.locator(".hosts")).toContainText("主办");
    for (const name of ["学习强国APP", "中国文明网", "青川文明网", "投稿", "返回首页"]) {
      await expect(header.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(header.locator("form.search-form")).toHaveAttribute("action", "/search");
    await expect(header.locator(".site-name")).toHaveText(siteField("name"));

    const footer = page.locator("footer.site-footer");
    await expect(footer.locator(".copyright")).toContainText(`© ${new Date().getFullYear()} `);
    await expect(footer.locator("a.icp")).toHaveAttribute("href", /^https:\/\/beian\.miit\.gov\.cn/);
    await expect(footer.locator("a.public-security")).toHaveAttribute("href", /^https:\/\/beian\.mps\.gov\.cn/);
    await expect(footer.locator(".contact")).toBeVisible();
    for (const name of ["官方微信", "官方微博", "手机端", "志愿者APP"]) {
      await expect(footer.getByRole("link", { name })).toBeVisible();
    }
  }
  // The official WeChat account and the volunteer app show QR codes drawn from their links.
  const qrCodes = page.locator("footer img.qr");
  await expect(qrCodes).toHaveCount(2);
  await expect(page.locator("footer").getByRole("img", { name: "官方微信二维码" })).toBeVisible();
  for (const img of await qrCodes.all()) {
    // Loaded lazily: only once the footer comes into view.
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  }
  const noCode = await page.request.get("/qr/footer/1");
  expect(noCode.status(), "a link without qr = true has no QR code").toBe(404);

  await page.getByRole("link", { name: "投稿", exact: true }).click();
  await expect(page).toHaveURL("/submit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("投稿");
});

test("the article page has its tools, neighbours and blocks", async ({ page }, testInfo) => {
  const category = categories()[0].slug;
  const ordered = listing(category);
  const middle = ordered[1];
  await page.goto(`/article/${middle.id}`);
  if (jsEnabled(testInfo.project.name)) await hydrated(page);

  await expect(page.locator(".article-meta")).toContainText("责任编辑：");
  await expect(page.locator(".article-meta .views")).toContainText("点击数：");

  // 上一篇 is the newer neighbour in the listing, 下一篇 the older one.
  await expect(page.locator(".neighbours .newer a")).toHaveText(ordered[0].title);
  await expect(page.locator(".neighbours .older a")).toHaveText(ordered[2].title);
  await expect(page.locator(".neighbours .newer a")).toHaveAttribute("href", `/article/${ordered[0].id}`);

  const more = page.locator("#more-in-category");
  await expect(more.getByRole("link", { name: "更多>" })).toHaveAttribute("href", `/list/${category}`);
  await expect(more.locator(".title-list a")).toHaveText(ordered.filter((a) => a.id !== middle.id).slice(0, 8).map((a) => a.title));
  const pictures = page.locator("#picture-recommendations img");
  expect(await pictures.count()).toBeGreaterThan(0);
  for (const img of await pictures.all()) {
    await expect(img).toHaveAttribute("width", /^\d+$/);
    await expect(img).toHaveAttribute("height", /^\d+$/);
  }
  await expect(page.locator("#recommendations .title-list li").first()).toBeVisible();
  // 点击排行: a tab per window (what they list is in views.spec.ts).
  await expect(page.locator("#most-viewed .rank-tabs label")).toHaveText(["日榜", "周榜", "月榜", "总榜"]);

  // 【字体：大 中 小】: a link, so it works with and without JavaScript.
  const body = page.locator(".article-body p").first();
  const medium = parseFloat(await body.evaluate((el) => getComputedStyle(el).fontSize));
  await page.locator(".font-switch").getByRole("link", { name: "大" }).click();
  await expect(page).toHaveURL(`/article/${middle.id}?font=large`);
  await expect(page.locator("article.article")).toHaveClass(/font-large/);
  expect(parseFloat(await body.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThan(medium);
  await page.locator(".font-switch").getByRole("link", { name: "小" }).click();
  await expect(page.locator("article.article")).toHaveClass(/font-small/);
  expect(parseFloat(await body.evaluate((el) => getComputedStyle(el).fontSize))).toBeLessThan(medium);

  // 打印 needs JavaScript; without it the button is not offered.
  await expect(page.locator(".print-button")).toBeVisible({ visible: jsEnabled(testInfo.project.name) });

  await page.locator(".neighbours .older a").click();
  await expect(page).toHaveURL(`/article/${ordered[2].id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ordered[2].title);
});

test("printing an article leaves out the header, menus and sidebars", async ({ page }) => {
  await page.goto(`/article/${listing()[0].id}`);
  await page.emulateMedia({ media: "print" });
  for (const hidden of ["header.site-header", ".sidebar", "footer.site-footer", ".breadcrumb", ".article-tools", ".neighbours"]) {
    await expect(page.locator(hidden), hidden).toBeHidden();
  }
  await expect(page.locator(".article-body")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the first and the last article of a category say there is no neighbour", async ({ page }) => {
  const ordered = listing(categories()[0].slug);
  await page.goto(`/article/${ordered[0].id}`);
  await expect(page.locator(".neighbours .newer")).toContainText("没有了");
  await page.goto(`/article/${ordered[ordered.length - 1].id}`);
  await expect(page.locator(".neighbours .older")).toContainText("没有了");
});

test("pagination edges and the page jump", async ({ page }) => {
  const category = [...categories()].sort((a, b) => listing(b.slug).length - listing(a.slug).length)[0];
  const pages = Math.ceil(listing(category.slug).length / perPage());
  await page.goto(`/list/${category.slug}`);
  const pager = page.locator(".pager");
  await expect(pager.locator(".first.disabled")).toHaveText("首页");
  await expect(pager.locator(".prev.disabled")).toHaveText("上一页");
  await expect(pager.getByRole("link", { name: "尾页" })).toHaveAttribute("href", `/list/${category.slug}/${pages}`);

  await page.goto(`/list/${category.slug}/${pages}`);
  await expect(pager.locator(".next.disabled")).toHaveText("下一页");
  await expect(pager.locator(".last.disabled")).toHaveText("尾页");
  await expect(pager.getByRole("link", { name: "首页" })).toHaveAttribute("href", `/list/${category.slug}`);

  await page.locator(".page-jump input").fill("1");
  await page.locator(".page-jump button").click();
  await expect(page).toHaveURL(`/list/${category.slug}?page=1`);
  await expect(pager.locator("[aria-current=page]")).toHaveText("1");
});

test("the slideshow reaches every slide without JavaScript", async ({ page }) => {
  await page.goto("/");
  const slides = page.locator(".slideshow .slide");
  const dots = page.locator(".slide-dots a");
  const count = await slides.count();
  expect(count).toBeGreaterThan(1);
  await expect(dots).toHaveCount(count);
  const strip = page.locator(".slideshow .slides");
  for (let index = count - 1; index >= 0; index--) {
    await dots.nth(index).click();
    // The chosen slide ends up in the strip's view.
    await expect
      .poll(async () =>
        strip.evaluate((el, i) => Math.round(el.scrollLeft / el.clientWidth), index),
      )
      .toBe(index);
  }
  for (const img of await slides.locator("img").all()) {
    await expect(img).toHaveAttribute("width", /^\d+$/);
  }
});

test("a phone opens the category menu from its button", async ({ page }, testInfo) => {
  const phone = testInfo.project.name === "phone";
  await page.goto("/");
  const menu = page.locator("nav.category-nav ul");
  await expect(menu).toBeVisible({ visible: !phone });
  await expect(page.locator(".menu-button")).toBeVisible({ visible: phone });
  await openMenu(page);
  const category = categories()[3];
  await page.locator("nav.category-nav").getByRole("link", { name: category.name }).click();
  await expect(page).toHaveURL(`/list/${category.slug}`);
  await expect(menu).toBeVisible({ visible: !phone });
  if (phone) {
    for (const target of await page.locator(".pager a, .menu-button, .title-list li").all()) {
      const box = await target.boundingBox();
      if (box) expect(box.height, await target.innerText()).toBeGreaterThanOrEqual(44);
    }
  }
});

test("the header's search box finds articles by title", async ({ page }) => {
  await page.goto("/");
  await page.locator(".search-form input").fill("座谈会");
  await page.locator(".search-form button").click();
  await expect(page).toHaveURL(/\/search\?q=%E5%BA%A7%E8%B0%88%E4%BC%9A$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("搜索结果");
  const found = await page.locator(".listing .title-list a").allTextContents();
  expect(found).toContain("市委宣传部召开关于深化群众性精神文明创建工作的座谈会");
  // Newest first, in the site's own order, and no drafts.
  const order = listing().map((a) => a.title);
  const positions = found.map((title) => order.indexOf(title));
  expect(positions.every((p) => p >= 0), "only published articles").toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  await expect(page.locator(".search-summary")).toContainText(`共找到 ${found.length} 篇文章`);

  await page.goto("/search?q=");
  await expect(page.locator(".search-summary")).toHaveText("请输入要搜索的词语。");
});

test("no page scrolls sideways at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const draft = demoArticles().find((a) => a.draft)!;
  const article = listing().find((a) => a.id !== draft.id)!;
  for (const url of ["/", `/list/${categories()[0].slug}`, `/article/${article.id}`, "/submit", "/zh-hant"]) {
    await page.goto(url);
    await expectNoHorizontalScroll(page);
  }
});
