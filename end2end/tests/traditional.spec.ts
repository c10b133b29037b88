// The Traditional-character (繁體) view: its own URLs, phrase-aware conversion with the
// character forms Hong Kong and Taiwan readers expect, and a remembered choice.
import { test, expect } from "./fixtures";

// Article 1034 of the demo content was written to hold phrases that character-by-character
// converters and OpenCC's own defaults get wrong.
const TRICKY_ARTICLE = 1034;
const expected = [
  "市委宣傳部召開關於深化群眾性精神文明創建工作的座談會",
  "主持並講話",
  "久久為功的鬥爭",
  "千萬人參加",
  "築牢基層新時代文明實踐陣地",
  "志願服務常態化",
  "理髮、修補、家電維修",
  "老舊小區裡面",
  "人民群眾",
  "為群眾辦實事",
  "啟用新建的實踐站點",
  "麵條館",
  "評選範圍",
  "複習要點、恢復薄弱環節",
  "幹部帶頭、乾淨整潔、只講實效",
  "頭髮花白",
  "發了言",
  "後來的年輕人",
  "颱風過後",
  "一隻隻紅馬甲",
];
// What the old site showed (character by character), and OpenCC's own standard forms.
const wrong = ["主持并", "筑牢", "人蔘", "斗爭", "羣衆", "群衆", "爲", "啓用", "麪", "裏面", "頭發", "後來的年青"];

test("an article in the Traditional view reads as Traditional", async ({ page }) => {
  const response = await page.goto(`/zh-hant/article/${TRICKY_ARTICLE}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  await expect(page.locator("link[rel=canonical]")).toHaveAttribute("href", `/zh-hant/article/${TRICKY_ARTICLE}`);
  await expect(page.locator('link[rel=alternate][hreflang="zh-Hans"]')).toHaveAttribute("href", `/article/${TRICKY_ARTICLE}`);
  await expect(page.locator('link[rel=alternate][hreflang="zh-Hant"]')).toHaveAttribute("href", `/zh-hant/article/${TRICKY_ARTICLE}`);
  await expect(page).toHaveTitle(/^市委宣傳部召開關於深化群眾性精神文明創建工作的座談會 - 青禾文明網$/);

  const text = await page.locator("main").innerText();
  for (const phrase of expected) expect(text, phrase).toContain(phrase);
  for (const phrase of wrong) expect(text, phrase).not.toContain(phrase);

  // The interface's own words are in Traditional too, and links stay in the view.
  await expect(page.locator(".breadcrumb")).toContainText("首頁 > 新聞動態 > 正文");
  await expect(page.locator(".article-meta .views")).toContainText("點擊數：");
  await expect(page.locator("header").getByRole("link", { name: "返回首頁" })).toHaveAttribute("href", "/zh-hant");
  await expect(page.locator("nav.category-nav a").nth(1)).toHaveAttribute("href", /^\/zh-hant\/list\//);
  await expect(page.locator("footer .copyright")).toContainText("青禾文明網 版權所有");
});

test("the Simplified view links to the Traditional one and back", async ({ page }) => {
  await page.goto(`/article/${TRICKY_ARTICLE}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(page.locator('link[rel=alternate][hreflang="zh-Hant"]')).toHaveAttribute("href", `/zh-hant/article/${TRICKY_ARTICLE}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("市委宣传部召开关于深化群众性精神文明创建工作的座谈会");
});

test("the reader's choice of script is remembered", async ({ page }) => {
  await page.goto(`/article/${TRICKY_ARTICLE}`);
  await page.getByRole("link", { name: "繁體" }).click();
  await expect(page).toHaveURL(`/zh-hant/article/${TRICKY_ARTICLE}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(expected[0]);

  // A Simplified address now leads to its Traditional page…
  await page.goto("/list/news?page=1");
  await expect(page).toHaveURL("/zh-hant/list/news?page=1");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新聞動態");

  // …until the reader switches back.
  await page.getByRole("link", { name: "简体" }).click();
  await expect(page).toHaveURL("/list/news?page=1");
  await page.goto("/");
  await expect(page).toHaveURL("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
});

test("the Traditional view answers 404 like the Simplified one", async ({ page, expectConsole }) => {
  expectConsole(/status of 404/);
  const response = await page.goto("/zh-hant/article/99999999");
  expect(response?.status()).toBe(404);
  await expect(page.locator(".error-page")).toContainText("您訪問的頁面不存在");
});
