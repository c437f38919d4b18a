// The rest of the everyday screens: deep links and Back, filters and sorting,
// archive and merge, theme and purposes, and trunk serve itself.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonPage, QuickLog } from "./pages/app.mjs";

async function threePeople(page) {
  const app = new AppPage(page);
  const people = new PeoplePage(page);
  await app.open();
  await app.go("People");
  await people.addSomeone({ name: "Ada Lovelace", tags: "posse", every: 7 });
  await app.go("People");
  await people.addSomeone({ name: "Grace Hopper", tags: "mentors", every: 90 });
  await app.go("People");
  await people.addSomeone({ name: "Zoë Ng" });
  await app.go("People");
  return { app, people };
}

test("deep links open a person, and Back returns", async ({ page }) => {
  const { app, people } = await threePeople(page);
  await people.link("Grace Hopper").click();
  const url = page.url();
  expect(url).toMatch(/#\/people\/p[0-9a-z]{13}$/);
  await page.goBack();
  await expect(people.heading).toBeVisible();

  await page.goto("about:blank");
  await page.goto(url);
  await app.waitUntilReady();
  await expect(new PersonPage(page).heading("Grace Hopper")).toBeVisible();
  await page.goto(url.replace(/people\/.*$/, "people/p000000000"));
  await expect(page.getByRole("heading", { name: "Nobody here" })).toBeVisible();
  await page.goto(url.replace(/#.*$/, "#/nowhere"));
  await expect(page.getByText("There is no screen at “#/nowhere”.")).toBeVisible();
});

test("filters and sort orders narrow and order the list", async ({ page }) => {
  const { app, people } = await threePeople(page);
  // Ada was last seen long ago: log an old coffee so she is overdue; Grace today.
  const log = new QuickLog(page);
  await log.openWithKey();
  await log.who.fill("Ada");
  await log.who.press("Enter");
  await log.dialog.getByLabel("When").fill("2026-01-05");
  await log.dialog.getByRole("button", { name: "Log it" }).click();
  await log.openWithKey();
  await log.log({ who: "Grace", exchange: "I gave…", what: "a book" });

  await app.go("People");
  await page.getByLabel("Circle").selectOption("posse");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
  await page.getByLabel("Circle").selectOption("");
  await page.getByLabel("Show").selectOption("overdue");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
  await expect(people.list.getByText("Overdue", { exact: true })).toBeVisible();
  await page.getByLabel("Show").selectOption("active");

  await page.getByLabel("Sort by").selectOption("last-contact");
  await expect(people.names()).toHaveText(["Grace Hopper", "Ada Lovelace", "Zoë Ng"]);
  await page.getByLabel("Sort by").selectOption("overdue");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper", "Zoë Ng"]);
  await page.getByLabel("Sort by").selectOption("balance");
  await expect(people.names().first()).toHaveText("Grace Hopper");
  await app.expectNoAxeViolations();
});

test("archive hides someone from the list, and merge keeps every interaction", async ({ page }) => {
  const { app, people } = await threePeople(page);
  const person = new PersonPage(page);
  const log = new QuickLog(page);
  await log.openWithKey();
  await log.log({ who: "Zoë" });
  await log.openWithKey();
  await log.log({ who: "Ada" });

  await app.go("People");
  await people.link("Zoë Ng").click();
  await page.getByRole("button", { name: "Archive" }).click();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
  await page.getByLabel("Show").selectOption("archived");
  await expect(people.names()).toHaveText(["Zoë Ng"]);
  await page.getByLabel("Show").selectOption("active");

  // Merge Zoë into Ada: Ada now has both coffees, Zoë is gone.
  await people.link("Ada Lovelace").click();
  await page.getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge into Ada Lovelace" });
  await dialog.getByLabel("Merge this person in").selectOption({ label: "Zoë Ng" });
  await app.expectNoAxeViolations();
  await dialog.getByRole("button", { name: "Merge" }).click();
  await expect(person.history.getByText("Coffee")).toHaveCount(2);
  await app.go("People");
  await page.getByLabel("Show").selectOption("archived");
  await expect(page.getByText("Nobody matches.")).toBeVisible();
});

test("the theme and the purposes are the user's to set, and they persist", async ({ page, app }) => {
  await app.open("./#/settings");
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await app.expectNoAxeViolations();
  await expect(page.getByText(/This browser (has promised|may clear|does not say)/)).toBeVisible();

  const jobSearch = page.getByLabel("Purpose: Job search");
  await jobSearch.fill("Finding work");
  await jobSearch.press("Tab");
  await page.getByLabel("New purpose").fill("Mentoring");
  await page.getByRole("button", { name: "Add purpose" }).click();
  await page.getByRole("button", { name: "Remove Volunteering" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  // The change is stored once the toast says so; only then is a reload safe.
  await expect(app.toast).toContainText("Purpose removed.");

  await page.reload();
  await app.waitUntilReady();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByLabel("Purpose: Finding work")).toBeVisible();
  await expect(page.getByLabel("Purpose: Mentoring")).toBeVisible();
  await expect(page.getByLabel("Purpose: Volunteering")).toHaveCount(0);

  const log = new QuickLog(page);
  await log.openWithKey();
  const purposes = await log.dialog.getByLabel("What it was for").locator("option").allTextContents();
  expect(purposes).toContain("Finding work");
  expect(purposes).toContain("Mentoring");
  expect(purposes).not.toContain("Volunteering");

  await page.keyboard.press("Escape");
  await page.getByRole("radio", { name: "Light" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("radio", { name: "Same as this device" }).check();
  await expect.poll(() => page.locator("html").getAttribute("data-theme")).toBeNull();
});

test("make serve's trunk serve answers with the page and wasm as application/wasm", async () => {
  test.setTimeout(300_000);
  const port = 8000 + Math.floor(Math.random() * 500);
  const dist = mkdtempSync(join(tmpdir(), "rapport-serve-"));
  const server = spawn(
    "trunk",
    ["serve", "--release", "--address", "127.0.0.1", "--port", String(port), "--dist", dist, "--no-autoreload"],
    { cwd: new URL("../..", import.meta.url).pathname, stdio: "ignore", detached: true, env: { ...process.env, TRUNK_OFFLINE: "true" } },
  );
  try {
    const base = `http://127.0.0.1:${port}/`;
    let html = "";
    for (let i = 0; i < 280 && !html.includes("<title>"); i++) {
      html = await fetch(base).then((r) => r.text()).catch(() => "");
      if (!html.includes("<title>")) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(html).toContain("<title>Rapport</title>");
    // The wasm is named in the loader that index.html points to.
    const boot = html.match(/boot-[0-9a-f]+\.js/)?.[0];
    expect(boot).toBeTruthy();
    const loader = await fetch(base + boot).then((r) => r.text());
    const wasm = loader.match(/rapport-[0-9a-f]+_bg\.wasm/)?.[0];
    expect(wasm).toBeTruthy();
    const response = await fetch(base + wasm);
    expect(response.headers.get("content-type")).toBe("application/wasm");
  } finally {
    process.kill(-server.pid, "SIGTERM");
  }
});
