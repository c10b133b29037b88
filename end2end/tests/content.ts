// An independent reading of the demo content folder, so that tests compare the pages with
// what the files say rather than with copied strings.
import * as fs from "node:fs";
import * as path from "node:path";

export const contentDir = process.env.WENMING_CONTENT ?? path.resolve(__dirname, "../../content");

export type DemoArticle = {
  id: number;
  title: string;
  date: Date;
  dateText: string;
  category: string;
  source?: string;
  author?: string;
  summary?: string;
  draft: boolean;
  headline: boolean;
  firstParagraph: string;
};

function field(front: string, key: string): string | undefined {
  const match = front.match(new RegExp(`^${key}\\s*=\\s*(.+)$`, "m"));
  if (!match) return undefined;
  const value = match[1].trim();
  return value.startsWith('"') ? JSON.parse(value) : value;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.name.endsWith(".md") ? [full] : [];
  });
}

export function demoArticles(): DemoArticle[] {
  return files(path.join(contentDir, "articles")).map((file) => {
    const text = fs.readFileSync(file, "utf8");
    const [, front, body] = text.split(/^\+\+\+\s*$/m);
    const dateText = field(front, "date")!;
    return {
      id: Number(field(front, "id")),
      title: field(front, "title")!,
      date: new Date(dateText),
      dateText,
      category: field(front, "category")!,
      source: field(front, "source"),
      author: field(front, "author"),
      summary: field(front, "summary"),
      draft: field(front, "draft") === "true",
      headline: field(front, "headline") === "true",
      firstParagraph: body.trim().split(/\n\s*\n/)[0].trim(),
    };
  });
}

/** Published articles of a category, newest first, ties by higher id: the site's order. */
export function listing(category?: string): DemoArticle[] {
  return demoArticles()
    .filter((a) => !a.draft && (category === undefined || a.category === category))
    .sort((a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id);
}

export type DemoCategory = { slug: string; name: string };

export function categories(): DemoCategory[] {
  const site = fs.readFileSync(path.join(contentDir, "site.toml"), "utf8");
  return site
    .split("[[categories]]")
    .slice(1)
    .map((table) => ({ slug: field(table, "slug")!, name: field(table, "name")! }));
}

export function siteField(key: string): string {
  const site = fs.readFileSync(path.join(contentDir, "site.toml"), "utf8");
  return field(site.split(/^\[/m)[0], key)!;
}

export function perPage(): number {
  return Number(siteField("per_page"));
}
