// 投稿 and the editors' desk, against the desk server (its own content copy and data folder):
// contributing with and without JavaScript, logging in, approving, rejecting, the slide flag,
// and hostile input that must run nowhere.
import { Page } from "@playwright/test";
import { test, expect, hydrated } from "./fixtures";
import { deskURL, editor } from "../playwright.config";

/** The form refuses anything sent sooner than this after it loaded. */
const MIN_FILL_MS = 3_100;

/** A 2×2 PNG with an alpha channel (the server re-encodes it to JPEG). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFElEQVR4nGM4ISf3X+6EXAMDjAEAQGsHDzSZ4lsAAAAASUVORK5CYII=",
  "base64",
);

type Contribution = { title: string; body?: string; category?: string; image?: boolean };

/** Titles unique per test and project, so parallel runs never see each other's stories. */
function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function contribute(page: Page, story: Contribution): Promise<string> {
  await page.goto(`${deskURL}/submit`);
  const loaded = Date.now();
  const javascript = test.info().project.name !== "no-js";
  if (javascript) await hydrated(page);
  await page.fill("#f-name", "李明");
  await page.fill("#f-organisation", "东湖区志愿者协会");
  await page.fill("#f-contact", "li.ming@qinghe.example");
  await page.selectOption("#f-category", story.category ?? "volunteer");
  await page.fill("#f-title", story.title);
  await page.fill(
    "#f-body",
    story.body ?? "周六上午，东湖区三十余名志愿者沿河道清理垃圾，历时三个小时，清出垃圾二十余袋。",
  );
  if (story.image) {
    await page.setInputFiles("#f-images", { name: "photo.png", mimeType: "image/png", buffer: PNG });
  }
  await page.check("#f-consent");
  const wait = loaded + MIN_FILL_MS - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await page.click("button.submit-button");
  await expect(page).toHaveURL(/\/submit\/thanks\/TG\d{8}-[A-Z2-9]{6}$/);
  const reference = (await page.locator(".reference").textContent()) ?? "";
  expect(reference).toMatch(/^TG\d{8}-[A-Z2-9]{6}$/);
  return reference;
}

async function logIn(page: Page): Promise<void> {
  await page.goto(`${deskURL}/admin`);
  await expect(page).toHaveURL(`${deskURL}/admin/login`);
  await page.fill("#user", editor.user);
  await page.fill("#password", editor.password);
  await page.click("form.login button");
  await expect(page).toHaveURL(`${deskURL}/admin`);
  await expect(page.locator("h1")).toHaveText("待审稿件");
}

async function openContribution(page: Page, title: string): Promise<void> {
  await page.goto(`${deskURL}/admin`);
  await page.locator(".queue a", { hasText: title }).click();
  await expect(page.locator("h1")).toHaveText(title);
}

async function approve(page: Page, title: string, category: string): Promise<void> {
  await openContribution(page, title);
  await page.selectOption("form.approve #category", category);
  await page.click("form.approve button");
  await expect(page.locator(".decision")).toContainText("已采用");
}

test("a contribution gets a reference number, and is checked as it is typed when scripts run", async ({ page, expectConsole }) => {
  const javascript = test.info().project.name !== "no-js";
  await page.goto(`${deskURL}/submit`);
  if (javascript) {
    await hydrated(page);
    // The same rules as the server's, before anything is sent.
    await page.fill("#f-title", "短");
    await expect(page.locator("#f-title-error")).toHaveText("至少 4 个字。");
    await expect(page.locator("#f-title")).toHaveAttribute("aria-invalid", "true");
    await page.fill("#f-title", "足够长的标题");
    await expect(page.locator("#f-title-error")).toBeEmpty();
  } else {
    // Without scripts the server's answer says the same, and keeps what was typed.
    expectConsole(/status of 422/);
    await page.fill("#f-title", "短");
    await page.fill("#f-body", "正文保留在表单里，不会丢失。".repeat(3));
    await page.click("button.submit-button");
    await expect(page.locator("#f-title-error")).toHaveText("至少 4 个字。");
    await expect(page.locator("#f-body")).toHaveValue("正文保留在表单里，不会丢失。".repeat(3));
  }
  const title = unique("市民投稿");
  await contribute(page, { title });
  // Pending: nowhere public.
  await page.goto(`${deskURL}/list/volunteer`);
  await expect(page.locator("main")).not.toContainText(title);
});

test("oversized and malformed fields are turned back with their reasons, keeping the text", async ({ page, expectConsole }) => {
  expectConsole(/status of 422/);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${deskURL}/submit`);
  const loaded = Date.now();
  await page.fill("#f-name", "李明");
  await page.fill("#f-contact", "<script>alert(1)</script>");
  await page.selectOption("#f-category", "news");
  await page.fill("#f-title", "长".repeat(500));
  await page.fill("#f-body", "</textarea><script>alert('textarea')</script>正文".repeat(3));
  await page.check("#f-consent");
  await page.waitForTimeout(Math.max(0, loaded + MIN_FILL_MS - Date.now()));
  const javascript = test.info().project.name !== "no-js";
  // The live check shows the same problems as the server's page: mark this document, so the
  // checks below can only pass on the page the server answered.
  if (javascript) await page.evaluate(() => ((window as any).__typedIn = true));
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.click("button.submit-button");
  expect((await response).status()).toBe(422);
  if (javascript) await page.waitForFunction(() => !(window as any).__typedIn);
  await expect(page.locator("#f-title-error")).toHaveText("最多 80 个字。");
  await expect(page.locator("#f-contact-error")).toContainText("电话号码");
  // The text comes back as text: the textarea was not closed by what was typed.
  await expect(page.locator("#f-body")).toHaveValue("</textarea><script>alert('textarea')</script>正文".repeat(3));
  await expect(page.locator("#f-body + p#f-body-hint")).toHaveCount(1);
  if (javascript) {
    // The form island hydrated from what the server wrote into the page (hostile text
    // included): its problems stay, and mending a field clears that field's problem alone.
    await hydrated(page);
    await page.fill("#f-title", "社区志愿者清理河道");
    await expect(page.locator("#f-title-error")).toHaveText("");
    await expect(page.locator("#f-title")).not.toHaveAttribute("aria-invalid");
    await expect(page.locator("#f-contact-error")).toContainText("电话号码");
    await expect(page.locator("#f-body")).toHaveValue("</textarea><script>alert('textarea')</script>正文".repeat(3));
  }
  expect(dialogs).toEqual([]);
});

test("an editor approves a contribution and finds it published in its category", async ({ page }) => {
  const title = unique("志愿者清理河道");
  await contribute(page, { title, image: true });
  await logIn(page);
  await openContribution(page, title);
  await expect(page.locator(".preview .article-body")).toContainText("东湖区三十余名志愿者");
  await expect(page.locator(".preview img")).toHaveCount(1);
  await approve(page, title, "practice");
  await page.goto(`${deskURL}/list/practice`);
  const link = page.locator("main a", { hasText: title }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.locator("h1")).toContainText(title);
  await expect(page.locator(".article-body")).toContainText("东湖区三十余名志愿者");
  const image = page.locator(".article-body img");
  await expect(image).toHaveAttribute("src", /^\/media\/contributions\/TG\d{8}-[A-Z2-9]{6}-1\.jpg$/);
  const served = await page.request.get(`${deskURL}${await image.getAttribute("src")}`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/jpeg");
  // The decision is in the audit log.
  await page.goto(`${deskURL}/admin/audit`);
  await expect(page.locator(".audit tbody tr", { hasText: "approve" }).first()).toBeVisible();
});

test("a rejected contribution is found nowhere public, and keeps its reason", async ({ page }) => {
  const title = unique("退回的投稿");
  await contribute(page, { title, category: "news" });
  await logIn(page);
  await openContribution(page, title);
  await page.fill("form.reject #reason", "内容与本站栏目无关");
  await page.click("form.reject button");
  await expect(page.locator(".decision")).toContainText("内容与本站栏目无关");
  for (const path of ["/", "/list/news", `/search?q=${encodeURIComponent(title)}`, "/ranking"]) {
    await page.goto(`${deskURL}${path}`);
    await expect(page.locator("a", { hasText: title }), path).toHaveCount(0);
  }
  await page.goto(`${deskURL}/search?q=${encodeURIComponent(title)}`);
  await expect(page.locator(".search-summary")).toContainText("共找到 0 篇文章");
});

test("setting the slide flag puts the article in the home slideshow", async ({ page }) => {
  const title = unique("幻灯测试");
  await contribute(page, { title, image: true });
  await logIn(page);
  await approve(page, title, "volunteer");
  await page.goto(`${deskURL}/`);
  await expect(page.locator(".slideshow")).not.toContainText(title);
  await page.goto(`${deskURL}/admin/articles?q=${encodeURIComponent(title)}`);
  const row = page.locator(".articles tbody tr", { hasText: title });
  await row.locator("input[name=slide]").check();
  await row.locator("button").click();
  await page.goto(`${deskURL}/admin/articles?q=${encodeURIComponent(title)}`);
  await expect(page.locator(".articles tbody tr", { hasText: title }).locator("input[name=slide]")).toBeChecked();
  await page.goto(`${deskURL}/`);
  await expect(page.locator(".slideshow .slide", { hasText: title })).toHaveCount(1);
  // Unpublishing takes it off the home page again.
  await page.goto(`${deskURL}/admin/articles?q=${encodeURIComponent(title)}`);
  const again = page.locator(".articles tbody tr", { hasText: title });
  await again.locator("input[name=draft]").check();
  await again.locator("button").click();
  await page.goto(`${deskURL}/`);
  await expect(page.locator(".slideshow")).not.toContainText(title);
});

test("hostile input runs neither in the editor's preview nor on the published page", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const title = unique("<img src=x onerror=alert(1)>标题");
  const body = [
    "正文第一段，带有各种不该执行的内容。",
    "<script>window.__pwned = 1; alert('script')</script>",
    '<img src="x" onerror="window.__pwned = 2; alert(\'img\')">',
    "[点我](javascript:alert('link'))",
    '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
    '<a href="https://example.com/" onclick="alert(\'click\')">raw link</a>',
    "[外部链接](https://example.com/)",
    '<iframe src="javascript:alert(\'frame\')"></iframe>',
    '<p style="position:fixed;inset:0">覆盖</p>',
  ].join("\n\n");
  await contribute(page, { title, body });
  await logIn(page);
  await openContribution(page, title);
  const mustBeAbsent = "script, svg, iframe, [onerror], [onload], [onclick], [style], a[href^='javascript']";
  await expect(page.locator(".preview").locator(mustBeAbsent)).toHaveCount(0);
  await expect(page.locator(".preview")).toContainText("<script>window.__pwned = 1;");
  await approve(page, title, "news");
  await page.goto(`${deskURL}/list/news`);
  await page.locator("main a", { hasText: title }).first().click();
  await expect(page.locator("h1")).toContainText(title);
  const javascript = test.info().project.name !== "no-js";
  if (javascript) await hydrated(page);
  const article = page.locator(".article-body");
  await expect(article).toContainText("正文第一段");
  await expect(article.locator(mustBeAbsent)).toHaveCount(0);
  await expect(article.locator("a", { hasText: "外部链接" })).toHaveAttribute("rel", /nofollow ugc noopener/);
  if (javascript) {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});
