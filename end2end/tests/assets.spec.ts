import { expect, test } from "./fixtures";

// The browser bundle: content-hashed names, sent precompressed, cached for a year.
test("bundle files have hashed names, go compressed and are cached for a year", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const urls = [
    /href="(\/pkg\/wenming\.[\w-]+\.css)"/,
    /href="(\/pkg\/wenming\.[\w-]+\.js)"/,
    /href="(\/pkg\/wenming\.[\w-]+\.wasm)"/,
  ].map((pattern) => {
    const match = pattern.exec(html);
    expect(match, `a hashed bundle file matching ${pattern}`).not.toBeNull();
    return match![1];
  });
  for (const url of urls) {
    for (const encoding of ["br", "gzip"]) {
      const response = await request.get(url, { headers: { "Accept-Encoding": encoding } });
      expect(response.status(), url).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], `${url} with ${encoding}`).toBe(encoding);
      expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(headers["vary"]).toContain("accept-encoding");
    }
  }
  const missing = await request.get("/pkg/wenming.0000000000.wasm");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["cache-control"]).toBe("no-store");
});
