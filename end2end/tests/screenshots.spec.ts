// Pictures of the main pages for a person to look at: saved under test-results/ (not
// committed). Runs once, in the desktop project, at a desktop and a phone size.
import { test, expect, hydrated } from "./fixtures";
import { categories, listing } from "./content";

const sizes = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
];

for (const size of sizes) {
  test(`screenshots at ${size.width}x${size.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const pages = {
      home: "/",
      listing: `/list/${categories()[0].slug}`,
      article: `/article/${listing()[0].id}`,
      "article-traditional": `/zh-hant/article/${listing()[0].id}`,
    };
    for (const [name, url] of Object.entries(pages)) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await hydrated(page);
      const path = testInfo.outputPath(`${name}-${size.name}.png`);
      await page.screenshot({ path, fullPage: true });
    }
  });
}
