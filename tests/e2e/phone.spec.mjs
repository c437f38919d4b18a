// Rapport on a phone (390×844): every control is thumb-sized, the floating
// "+ Log" button never covers one, the People filters show their words whole,
// a person can be added with only a name, and the words are plain.
//
// What counts as a control: links, buttons, inputs, selects, text areas,
// summaries and anything with a widget role or a tab stop. Each must be at least
// 44×44 CSS px, by its own box or by the label that wraps it (a checkbox or
// radio's label is its tap target). Exceptions, as WCAG 2.5.8 allows:
// - a link inside a sentence (its block holds text besides the link);
// - the skip link, which sits off screen until it has focus.
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, QuickLog } from "./pages/app.mjs";

const PHONE = { width: 390, height: 844 };
const MIN = 44;

/** Loads the small demo journal (200 people), so every list is full. */
async function loadDemo(page) {
  const app = new AppPage(page);
  await page.setViewportSize(PHONE);
  await app.open("./#/settings");
  await page.getByLabel("Size").selectOption("small");
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText("Loaded a demo journal of 200 people.")).toBeVisible();
  await page.getByRole("button", { name: "Dismiss" }).click();
  return app;
}

/** Runs in the page: every visible control within `scope`, its name and tap-target box. */
function controlsIn(scope) {
  const SELECTOR = [
    "a[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "[role=button]", "[role=link]", "[role=checkbox]", "[role=radio]", "[role=tab]",
    "[role=option]", "[tabindex]:not([tabindex='-1'])",
  ].join(",");
  const root = scope ? document.querySelector(scope) : document;
  const nameOf = (el) => {
    const label = el.getAttribute("aria-label") ?? (el.labels?.[0]?.textContent) ?? el.textContent;
    return (label || el.getAttribute("title") || el.value || el.tagName).replace(/\s+/g, " ").trim();
  };
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  };
  // A link in running text: its block has words outside the link.
  const inSentence = (el) => {
    if (el.tagName !== "A") return false;
    const block = blockOf(el);
    if (!block || block.matches("li, dd, td")) return false;
    const rest = block.textContent.replace(el.textContent, "").trim();
    return block.tagName === "P" && rest.length > 0;
  };
  const found = [];
  for (const el of root.querySelectorAll(SELECTOR)) {
    if (el.classList.contains("skip-link")) continue;
    if (el.matches("dialog, main, [role=dialog]")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    // The tap target of a checkbox or radio is the label around it.
    const target = el.matches("input[type=checkbox], input[type=radio]") && el.closest("label") ? el.closest("label") : el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") continue;
    if (inSentence(el)) continue;
    found.push({
      name: nameOf(el),
      tag: el.tagName.toLowerCase(),
      fab: el.classList.contains("fab"),
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
    });
  }
  return found;
}

/** Controls smaller than 44×44 on the page (or within `scope`), as "name (w×h)". */
async function smallControls(page, scope = null) {
  const controls = await page.evaluate(controlsIn, scope);
  expect(controls.length, `controls found in ${scope ?? "the page"}`).toBeGreaterThan(0);
  return controls
    .filter((c) => c.box.width < MIN - 0.5 || c.box.height < MIN - 0.5)
    .map((c) => `${c.tag} "${c.name.slice(0, 60)}" (${Math.round(c.box.width)}×${Math.round(c.box.height)})`);
}

/** Scrolls to the very end and lists the controls the floating button overlaps. */
async function coveredByFab(page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(
    () => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2,
  );
  const controls = await page.evaluate(controlsIn, null);
  const fab = controls.find((c) => c.fab);
  if (!fab) return { fab: false, covered: [] };
  const overlaps = (a, b) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const covered = controls.filter((c) => !c.fab && overlaps(c.box, fab.box)).map((c) => `${c.tag} "${c.name.slice(0, 60)}"`);
  return { fab: true, covered };
}

async function expectThumbSized(page, where, scope = null) {
  expect.soft(await smallControls(page, scope), `controls under ${MIN}×${MIN} on ${where}`).toEqual([]);
}

test("every control on every screen is at least 44×44, and the + Log button covers none", async ({ page }) => {
  test.setTimeout(180_000);
  const app = await loadDemo(page);
  const screens = [
    ["Today", async () => app.go("Today")],
    ["People", async () => app.go("People")],
    ["a person", async () => {
      // Someone with something owed, so Settle and the history's buttons show.
      await app.go("Today");
      await page.locator("#owe-list .person-name, #they-owe-list .person-name").first().click();
      await expect(page.getByRole("region", { name: "History" })).toBeVisible();
    }],
    ["Journal", async () => app.go("Journal")],
    ["Insights", async () => app.go("Insights")],
    ["Settings", async () => app.go("Settings")],
  ];
  for (const [where, open] of screens) {
    await open();
    await expect(page.locator("main h1").first()).toBeVisible();
    await expectThumbSized(page, where);
    const { fab, covered } = await coveredByFab(page);
    expect(fab, `the + Log button on ${where}`).toBe(true);
    expect.soft(covered, `controls under the + Log button at the end of ${where}`).toEqual([]);
  }

  // Backups needs no quick log: no floating button, and nothing to cover.
  await app.go("Settings");
  await page.getByRole("link", { name: "Backups and import" }).click();
  await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
  await expectThumbSized(page, "Backups");
  await expect(page.getByRole("button", { name: "Log", exact: true })).toHaveCount(0);

  // The quick log dialog, with an exchange open so its extra fields show.
  await app.go("Today");
  const log = new QuickLog(page);
  await log.openWithButton();
  await log.dialog.getByLabel("Anything asked or given?").selectOption({ index: 1 });
  await expectThumbSized(page, "the quick log", "dialog[open]");
  await page.keyboard.press("Escape");
  await expect(log.dialog).toBeHidden();

  // Add someone, with its details open.
  await app.go("People");
  await page.getByRole("button", { name: "Add someone" }).click();
  const add = page.getByRole("dialog", { name: "Add someone" });
  await expect(add).toBeVisible();
  await expectThumbSized(page, "Add someone", "dialog[open]");
  await add.getByText("More details").click();
  await expect(add.getByLabel("Organisation")).toBeVisible();
  await expectThumbSized(page, "Add someone's details", "dialog[open]");
  await page.keyboard.press("Escape");
  await expect(add).toBeHidden();

  // The entry editor, from a person's history.
  await app.go("Today");
  await page.locator("#owe-list .person-name, #they-owe-list .person-name").first().click();
  const history = page.getByRole("region", { name: "History" });
  await history.getByRole("button", { name: /^Edit the / }).first().click();
  const editor = page.getByRole("dialog", { name: /^Edit the entry of/ });
  await expect(editor).toBeVisible();
  await expectThumbSized(page, "the entry editor", "dialog[open]");
});

for (const width of [390, 360]) {
  test(`the People filters show their whole words at ${width} px`, async ({ page }) => {
    const app = await loadDemo(page);
    await page.setViewportSize({ width, height: 844 });
    await app.go("People");
    const cut = await page.evaluate(() => {
      // A select shows an option whole when it is at least as wide as a copy
      // of itself sized to that one option.
      const found = [];
      for (const select of document.querySelectorAll(".filters select")) {
        for (const option of select.options) {
          if (select.id === "people-circle" && option.value !== "") continue; // the circles are the user's own words
          const copy = select.cloneNode(false);
          copy.removeAttribute("id");
          copy.style.position = "absolute"; // shrinks to fit its one option
          copy.style.width = "auto";
          copy.style.minWidth = "0";
          copy.append(option.cloneNode(true));
          select.parentElement.append(copy);
          const needed = copy.getBoundingClientRect().width;
          copy.remove();
          const has = select.getBoundingClientRect().width;
          if (has + 0.5 < needed) found.push(`${option.text} (${Math.round(has)} of ${Math.round(needed)} px)`);
        }
      }
      return found;
    });
    expect(cut, `filter options cut off at ${width} px`).toEqual([]);
    await expect(page.getByLabel("Circle")).toHaveValue("");
    await expect(page.getByLabel("Circle").locator("option:checked")).toHaveText("All circles");
    await expect(page.getByLabel("Show").locator("option:checked")).toHaveText("Everyone");
    await app.expectNoAxeViolations();
  });
}

/** Runs in the page: the focused control, if the app bar or the + Log button covers part of it. */
function focusCovered() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const bar = document.querySelector(".app-bar");
  const fab = document.querySelector(".fab");
  if (bar?.contains(el) || el === fab) return null;
  const box = el.getBoundingClientRect();
  const overlaps = (other) => {
    if (!other) return false;
    const o = other.getBoundingClientRect();
    return box.x < o.right && o.x < box.right && box.y < o.bottom && o.y < box.bottom;
  };
  const name = (el.getAttribute("aria-label") || el.textContent || el.tagName).replace(/\s+/g, " ").trim().slice(0, 50);
  if (overlaps(bar)) return `${el.tagName.toLowerCase()} "${name}" under the app bar`;
  if (overlaps(fab)) return `${el.tagName.toLowerCase()} "${name}" under the + Log button`;
  return null;
}

for (const width of [390, 360]) test(`a control reached with the keyboard at ${width} px is never under the app bar or + Log`, async ({ page }) => {
  test.setTimeout(120_000);
  const app = await loadDemo(page);
  await page.setViewportSize({ width, height: PHONE.height });
  for (const screen of ["Today", "People"]) {
    await app.go(screen);
    await expect(page.locator("main h1").first()).toBeVisible();
    const covered = [];
    // Forwards from the top: each control scrolls in from the bottom, where + Log is.
    await page.locator("main h1").first().evaluate((h1) => {
      h1.setAttribute("tabindex", "-1");
      h1.focus();
    });
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const found = await page.evaluate(focusCovered);
      if (found) covered.push(found);
    }
    // Backwards: each control scrolls in from the top, where the app bar is.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Shift+Tab");
      const found = await page.evaluate(focusCovered);
      if (found) covered.push(found);
    }
    expect.soft(covered, `controls covered when focused on ${screen}`).toEqual([]);
  }
});

test("Add someone asks for a name first and saves with only that", async ({ page }) => {
  const app = new AppPage(page);
  const people = new PeoplePage(page);
  await page.setViewportSize(PHONE);
  await app.open("./#/people");
  await page.getByRole("button", { name: "Add someone" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add someone" });
  const details = dialog.locator("details", { hasText: "More details" });
  // The rest waits, closed, under "More details".
  await expect(dialog.getByLabel("Name", { exact: true })).toBeVisible();
  await expect(details).not.toHaveAttribute("open");
  await expect(dialog.getByLabel("Organisation")).toBeHidden();
  await expect(dialog.getByRole("textbox", { disabled: false })).toHaveCount(1);
  await app.expectNoAxeViolations();

  await dialog.getByLabel("Name", { exact: true }).fill("Noor Haddad");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Noor Haddad", level: 1 })).toBeVisible();
  await expect(app.toast).toContainText("Added Noor Haddad.");
  await app.go("People");
  await expect(people.names()).toHaveText(["Noor Haddad"]);

  // Editing someone without details keeps them closed; with details, open.
  await people.link("Noor Haddad").click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit person" });
  await expect(edit.locator("details")).not.toHaveAttribute("open");
  await edit.getByText("More details").click();
  await edit.getByLabel("Organisation").fill("Cedar & Co");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(app.toast).toContainText("Saved Noor Haddad.");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(edit.locator("details")).toHaveAttribute("open");
  await expect(edit.getByLabel("Organisation")).toHaveValue("Cedar & Co");
});

test("a detail that is wrong opens More details and says where", async ({ page }) => {
  const app = new AppPage(page);
  await page.setViewportSize(PHONE);
  await app.open("./#/people");
  await page.getByRole("button", { name: "Add someone" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add someone" });
  await dialog.getByLabel("Name", { exact: true }).fill("Ravi Shah");
  await dialog.getByText("More details").click();
  await dialog.getByLabel("Birthday").fill("someday");
  await dialog.getByText("More details").click();
  await expect(dialog.getByLabel("Birthday")).toBeHidden();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByLabel("Birthday")).toBeVisible();
  await expect(dialog.getByText("\"someday\" is not a birthday")).toBeVisible();
});

test("Settings says how full storage is as a share of Rapport's space", async ({ page }) => {
  const app = new AppPage(page);
  await page.setViewportSize(PHONE);
  await app.open("./#/settings");
  const storage = page.getByRole("region", { name: "Storage" });
  await expect(storage).toContainText("less than 1% of this browser's space for Rapport");
  await expect(storage).not.toContainText("characters");
  await expect(storage).not.toContainText("thousand");

  // Fill about a tenth of the space, as another page of this site might.
  await page.evaluate(() => localStorage.setItem("someone-else", "x".repeat(530_000)));
  await page.reload();
  await app.waitUntilReady();
  await expect(storage).toContainText(/(^|\D)10% of this browser's space for Rapport/);
  await page.evaluate(() => localStorage.removeItem("someone-else"));
});

test("the charts' words are at least 12 px and plain", async ({ page }) => {
  const app = await loadDemo(page);
  await app.go("Insights");
  await expect(page.locator(".chart-svg text").first()).toBeVisible();
  const small = await page.evaluate(() =>
    [...document.querySelectorAll(".chart-svg text")].flatMap((text) => {
      const size = parseFloat(getComputedStyle(text).fontSize);
      // As drawn: the drawing scales to the card, and its words with it.
      const svg = text.ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return size < 12 || size * scale < 11.95 ? [`"${text.textContent}" ${size}px, drawn at ${(size * scale).toFixed(1)}px`] : [];
    }),
  );
  expect(small, "chart labels under 12 px").toEqual([]);
  // The axis labels shown side by side leave room between them.
  const touching = await page.evaluate(() =>
    [...document.querySelectorAll(".chart-svg")].flatMap((svg) => {
      const boxes = [...svg.querySelectorAll("text.chart-label")]
        .filter((t) => getComputedStyle(t).display !== "none")
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      return boxes.slice(1).flatMap((b, i) => (b.box.left < boxes[i].box.right + 2 ? [`${boxes[i].text}|${b.text}`] : []));
    }),
  );
  expect(touching, "axis labels that run together").toEqual([]);
  const legends = await page.locator(".chart-legend li").evaluateAll((items) =>
    items.map((li) => [li.textContent, parseFloat(getComputedStyle(li).fontSize)]),
  );
  expect(legends.filter(([, size]) => size < 12)).toEqual([]);
  const legendWords = (await page.locator(".chart-legend").allTextContents()).join(" | ");
  expect(legendWords).not.toMatch(/nothing without/i);
  await expect(page.getByRole("region", { name: /^Weeks of networking/ }).locator(".chart-legend"))
    .toContainText("Only asks, or no contact");
});

for (const scheme of ["light", "dark"]) {
  test(`every screen at 390×844 in ${scheme} passes axe (screenshots kept with the results)`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const app = await loadDemo(page);
    // The first two screens' worth of each page, and a dialog as it opens.
    const shot = async (name, { dialog = false } = {}) => {
      await app.expectNoAxeViolations();
      const clip = dialog ? undefined : { x: 0, y: 0, width: PHONE.width, height: PHONE.height * 2 };
      await page.screenshot({ path: test.info().outputPath(`${name}-${scheme}.png`), fullPage: !dialog, clip });
    };
    for (const screen of ["Today", "People", "Journal", "Insights", "Settings"]) {
      await app.go(screen);
      await expect(page.locator("main h1").first()).toBeVisible();
      await shot(screen.toLowerCase());
    }
    await page.getByRole("link", { name: "Backups and import" }).click();
    await expect(page.getByRole("heading", { name: "Backups", level: 1 })).toBeVisible();
    await shot("backups");

    await app.go("People");
    await page.locator(".people-list .person-name").first().click();
    await expect(page.getByRole("region", { name: "History" })).toBeVisible();
    await shot("person");
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Edit person" })).toBeVisible();
    await shot("edit-person", { dialog: true });
    await page.keyboard.press("Escape");

    await app.go("People");
    await page.getByRole("button", { name: "Add someone" }).click();
    await expect(page.getByRole("dialog", { name: "Add someone" })).toBeVisible();
    await shot("add-someone", { dialog: true });
    await page.keyboard.press("Escape");

    const log = new QuickLog(page);
    await log.openWithButton();
    await shot("quick-log", { dialog: true });
    await page.keyboard.press("Escape");
  });
}
