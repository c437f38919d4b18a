// Backups and imports as a user meets them: download, restore with a preview,
// merge and replace (with undo), rejected and encrypted files, and contacts
// from a phone (vCard) and LinkedIn.
import { fileURLToPath } from "node:url";
import { test, expect } from "./support/fixtures.mjs";
import { AppPage, PeoplePage, PersonDialog, PersonPage } from "./pages/app.mjs";

// Contact exports written for the tests (see tests/fixtures/contacts/README.md).
const FIXTURES = new URL("../fixtures/contacts/", import.meta.url);
const fixture = (name) => fileURLToPath(new URL(name, FIXTURES));

async function rapportEntries(page) {
  return page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("rapport/")).map((k) => [k, localStorage.getItem(k)])),
  );
}

async function addPeople(page, list) {
  const app = new AppPage(page);
  const people = new PeoplePage(page);
  for (const fields of list) {
    await app.go("People");
    await people.addSomeone(fields);
    await expect(new PersonPage(page).heading(fields.name)).toBeVisible();
  }
}

async function logAsk(page, what) {
  await page.getByRole("button", { name: "Log contact" }).click();
  const dialog = page.getByRole("dialog", { name: "Log a contact" });
  await dialog.getByRole("radio", { name: "They did" }).check();
  await dialog.getByLabel("Anything asked or given?").selectOption({ label: "They asked for…" });
  await dialog.locator("#quick-log-what").fill(what);
  await dialog.getByRole("button", { name: "Log it" }).click();
  await expect(dialog).toBeHidden();
}

test("export, start over, import: the people and their counters are back", async ({ page, app, people, person, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace", org: "Analytical Engines" }, { name: "Grace Hopper", org: "US Navy" }]);
  await logAsk(page, "a reference");
  await expect(person.counters).toContainText("they asked 1");
  const counters = await person.counters.textContent();

  await backups.open();
  await expect(backups.lastBackup).toHaveText("No backup downloaded from this browser yet.");
  await app.expectNoAxeViolations();
  const file = await backups.downloadBackup();
  expect(file.name).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(file.text).format).toBe("rapport-backup");
  await expect(backups.lastBackup).toHaveText("Last backup today.");
  await app.go("Settings");
  await expect(page.getByText("Last backup today.")).toBeVisible();

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await app.waitUntilReady();
  await app.go("Today");
  await expect(app.welcomeHeading).toBeVisible();

  await backups.open();
  await backups.chooseBackup(file.path);
  await expect(backups.preview).toContainText("People: 2 new, 0 identical, 0 in conflict, 0 only in this journal");
  await expect(backups.preview).toContainText("Interactions: 1 new");
  await app.expectNoAxeViolations();
  await backups.merge();
  await expect(app.toast).toContainText("Backup imported");

  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
  await people.link("Grace Hopper").click();
  await expect(person.counters).toHaveText(counters);
  await page.reload();
  await app.waitUntilReady();
  await expect(person.counters).toHaveText(counters);
});

test("merging an older backup keeps the newer edit and lists the conflict", async ({ page, app, people, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace", org: "Analytical Engines" }]);
  await backups.open();
  const old = await backups.downloadBackup();

  await app.go("People");
  await people.link("Ada Lovelace").click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const dialog = new PersonDialog(page);
  await dialog.fill({ org: "Babbage & Co" });
  await dialog.save();
  await expect(page.locator(".person-header")).toContainText("Babbage & Co");

  await backups.open();
  await backups.chooseBackup(old.path);
  await expect(backups.preview).toContainText("People: 0 new, 0 identical, 1 in conflict");
  await expect(backups.preview.getByRole("list", { name: "Conflicts" })).toContainText(
    "Person Ada Lovelace: your version is newer (a merge keeps it)",
  );
  await app.expectNoAxeViolations();
  await backups.merge();

  await app.go("People");
  await people.link("Ada Lovelace").click();
  await expect(page.locator(".person-header")).toContainText("Babbage & Co");
  await expect(page.locator(".person-header")).not.toContainText("Analytical Engines");
});

test("replace, then undo the import", async ({ page, app, people, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();
  const file = await backups.downloadBackup();
  await addPeople(page, [{ name: "Grace Hopper" }]);

  await backups.open();
  await backups.chooseBackup(file.path);
  await expect(backups.preview).toContainText("1 only in this journal");
  await backups.replace();
  await expect(backups.undoRegion).toBeVisible();
  await app.expectNoAxeViolations();
  const before = await backups.download(backups.undoRegion.getByRole("button", { name: "Download the journal as it was" }));
  expect(before.text).toContain("Grace Hopper");
  const now = await backups.downloadBackup();
  expect(now.text).toContain("Ada Lovelace");
  expect(now.text).not.toContain("Grace Hopper");

  await backups.undoRegion.getByRole("button", { name: "Undo import" }).click();
  await expect(backups.undoRegion).toBeHidden();
  await expect(app.toast).toContainText("Import undone");
  await page.reload();
  await app.waitUntilReady();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
});

test("a rejected file says exactly where it is wrong and changes nothing", async ({ page, app, people, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();
  const file = await backups.downloadBackup();
  const backup = JSON.parse(file.text);
  backup.people[0].created = "2024-02-30T10:00:00Z";
  const stored = await rapportEntries(page);

  await backups.chooseBackup({ name: "broken.json", text: JSON.stringify(backup) });
  await expect(page.getByText("This file was not imported. Nothing was changed.")).toBeVisible();
  await expect(backups.problems).toContainText("people[0].created");
  await expect(backups.preview).toHaveCount(0);
  await app.expectNoAxeViolations();
  expect(await rapportEntries(page)).toEqual(stored);

  await backups.chooseBackup({ name: "not-json.json", text: "{ this is not json" });
  await expect(backups.problems).toContainText("line 1");
  expect(await rapportEntries(page)).toEqual(stored);
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
});

test("an encrypted backup needs its passphrase; a wrong one changes nothing", async ({ page, app, people, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();

  await page.getByLabel("Passphrase", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Passphrase again", { exact: true }).fill("correct horse battery!");
  await page.getByRole("button", { name: "Download an encrypted backup" }).click();
  await expect(page.getByText("The two passphrases are not the same.")).toBeVisible();

  const file = await backups.downloadEncrypted("correct horse battery");
  expect(file.name).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
  const envelope = JSON.parse(file.text);
  expect(envelope.format).toBe("rapport-encrypted-backup");
  expect(envelope.kdf.iterations).toBeGreaterThanOrEqual(600000);
  expect(file.text).not.toContain("Ada Lovelace");

  await addPeople(page, [{ name: "Grace Hopper" }]);
  await backups.open();
  const stored = await rapportEntries(page);
  await backups.chooseBackup(file.path);
  await backups.unlock("wrong horse battery");
  await expect(page.getByText("The passphrase is wrong, or the file was changed after it was encrypted.")).toBeVisible();
  await expect(backups.preview).toHaveCount(0);
  expect(await rapportEntries(page)).toEqual(stored);
  await app.expectNoAxeViolations();

  await backups.unlock("correct horse battery");
  await expect(backups.preview).toContainText("People: 0 new, 1 identical");
  await backups.replace();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
});

test("phone contacts from a vCard file", async ({ page, app, people, backups }) => {
  await app.open();
  // The welcome screen's link lands on the vCard section.
  await page.getByRole("link", { name: "Import your phone's contacts" }).click();
  await expect(backups.heading).toBeVisible();
  await expect(backups.contactsFile("vCard file")).toBeInViewport();
  await backups.contactsFile("vCard file").setInputFiles(fixture("iphone.vcf"));
  const preview = backups.contactsPreview("Import phone contacts (vCard)");
  // Two cards, as an iPhone writes them (lines ending CR CR LF, item groups, a photo).
  await expect(preview).toContainText("2 contacts found, 2 to add");
  await expect(preview).toContainText("Dr. Marta Elin Sofia Lindqvist PhD");
  await expect(preview).toContainText("Tomás Ferreira");
  await app.expectNoAxeViolations();
  await preview.getByRole("button", { name: "Import these contacts" }).click();
  await expect(app.toast).toContainText("Imported 2 people");

  await app.go("People");
  await expect(people.names()).toHaveCount(2);
  await people.link("Dr. Marta Elin Sofia Lindqvist PhD").click();
  const about = page.getByRole("region", { name: "About" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Marta Elin Sofia Lindqvist");
  await expect(page.locator(".person-header")).toContainText("Data Steward, Harbor Analytics");
  await expect(about).toContainText("marta.lindqvist@example.com");
  await expect(about).toContainText("555-0101");
  await expect(about).toContainText("555-0104");

  // The same file again: the contact is flagged as a likely duplicate, to merge.
  await backups.open();
  await backups.contactsFile("vCard file").setInputFiles(fixture("iphone.vcf"));
  await expect(preview).toContainText("Likely the same as");
  await expect(preview).toContainText("0 to add");
  await app.expectNoAxeViolations();
  await preview.getByRole("button", { name: "Import these contacts" }).click();
  await app.go("People");
  await expect(people.names()).toHaveCount(2);
});

test("LinkedIn connections with their organisation and role", async ({ page, app, people, backups }) => {
  // Six connections, one of them a hidden member with no name: reported and skipped.
  const rows = 5;

  // Phone-first: the preview fits a 360 px screen.
  await page.setViewportSize({ width: 360, height: 800 });
  await app.open();
  await backups.open();
  await backups.contactsFile("LinkedIn Connections.csv").setInputFiles(fixture("linkedin-connections.csv"));
  const preview = backups.contactsPreview("Import LinkedIn connections");
  await expect(preview.locator(".import-contact")).toHaveCount(rows);
  await expect(preview).toContainText("Ingrid Solberg");
  await expect(preview.getByRole("list", { name: "Problems in the file" })).toContainText("Row 5");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await app.expectNoAxeViolations();
  await preview.getByRole("button", { name: "Import these contacts" }).click();
  await expect(app.toast).toContainText("Imported");

  await app.go("People");
  await expect(people.names()).toHaveCount(rows);
  await people.link("Ingrid Solberg").click();
  await expect(page.locator(".person-header")).toContainText("Product Designer, Fjordline Design, AS");
  await expect(page.getByRole("region", { name: "About" })).toContainText("ingrid.solberg@example.com");
  await app.go("People");
  await people.link("Marcus Bell").click();
  await expect(page.locator(".person-header")).toContainText("Head of Data, Europe, Harbor Analytics");
});

test("a spreadsheet of contacts, with its columns named by hand", async ({ page, app, people, backups }) => {
  await app.open();
  await backups.open();
  const csv = "Who,Where,Reach\nMarie Curie,Radium Institute,marie@example.org\n<b>Pierre</b>,Sorbonne,pierre@example.org\n";
  await backups.contactsFile("CSV file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const section = page.getByRole("region", { name: "Import contacts from a spreadsheet (CSV)" });
  await expect(section.getByRole("heading", { name: "Which column is what? (2 rows)" })).toBeVisible();
  await app.expectNoAxeViolations();
  await section.getByLabel("Full name", { exact: true }).selectOption("0");
  await section.getByLabel("Organisation", { exact: true }).selectOption("1");
  await section.getByLabel("Email", { exact: true }).selectOption("2");
  await section.getByRole("button", { name: "Read the rows" }).click();
  await expect(section).toContainText("2 contacts found, 2 to add");
  await section.getByRole("button", { name: "Import these contacts" }).click();
  await app.go("People");
  // Imported text stays text.
  await expect(people.names()).toHaveText(["<b>Pierre</b>", "Marie Curie"]);
  await people.link("Marie Curie").click();
  await expect(page.locator(".person-header")).toContainText("Radium Institute");
  await expect(page.getByRole("region", { name: "About" })).toContainText("marie@example.org");
});

test("exports for other tools: contacts, interactions and a calendar", async ({ page, app, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace", org: "Analytical Engines", birthday: "1815-12-10", every: 14 }]);
  await logAsk(page, "a reference");
  await backups.open();
  const vcard = await backups.download(page.getByRole("button", { name: "Download contacts (vCard)" }));
  expect(vcard.name).toMatch(/\.vcf$/);
  expect(vcard.text).toContain("BEGIN:VCARD");
  expect(vcard.text).toContain("FN:Ada Lovelace");
  const csv = await backups.download(page.getByRole("button", { name: "Download interactions (CSV)" }));
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text).toContain("Ada Lovelace");
  const ics = await backups.download(page.getByRole("button", { name: "Download a calendar (ICS)" }));
  expect(ics.name).toMatch(/\.ics$/);
  expect(ics.text).toContain("BEGIN:VCALENDAR");
  expect(ics.text).toContain("Ada Lovelace's birthday");
});

test("a backup older than 30 days gets a nudge, on the Backups page and in Settings", async ({ page, app, backups }) => {
  await app.open();
  await page.evaluate(() =>
    localStorage.setItem("rapport/last-backup", JSON.stringify(new Date(Date.now() - 40 * 86400000).toISOString())),
  );
  await app.go("Settings");
  await expect(page.getByText("Last backup 40 days ago. Time for a new one.")).toBeVisible();
  await backups.open();
  await expect(backups.lastBackup).toHaveText("Last backup 40 days ago. Time for a new one.");
  await backups.downloadBackup();
  await expect(backups.lastBackup).toHaveText("Last backup today.");
});

/** A vCard file of `cards`, each `[name, phone, email]` (empty strings left out). */
function vcardFile(cards) {
  const text = cards
    .map(([name, tel, email]) =>
      ["BEGIN:VCARD", "VERSION:3.0", `FN:${name}`, tel && `TEL:${tel}`, email && `EMAIL:${email}`, "END:VCARD"]
        .filter(Boolean)
        .join("\r\n"),
    )
    .join("\r\n");
  return { name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(`${text}\r\n`) };
}

test("contacts: a shared name alone is shown but added; a shared phone is merged", async ({ page, app, people, backups }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await backups.open();
  const preview = backups.contactsPreview("Import phone contacts (vCard)");
  await backups.contactsFile("vCard file").setInputFiles(vcardFile([["Sam Lee", "+44 7700 900001", "sam@a.example"]]));
  await expect(preview).toContainText("1 contact found, 1 to add");
  await preview.getByRole("button", { name: "Import these contacts" }).click();
  await expect(app.toast).toContainText("Imported 1 person");

  await backups.contactsFile("vCard file").setInputFiles(
    vcardFile([
      // Another Sam Lee: a different phone and email, so not flagged at all.
      ["Sam Lee", "+44 7700 900002", "slee@b.example"],
      // The same number written with 00: the same person.
      ["S. Lee", "0044 7700 900001", ""],
      // The same name and a number that may be the same without its country code.
      ["Sam Lee", "07700 900001", ""],
    ]),
  );
  await expect(preview).toContainText("3 contacts found, 2 to add");
  const contacts = preview.locator(".import-contact");
  await expect(contacts.nth(0).locator(".import-duplicate")).toHaveCount(0);
  await expect(contacts.nth(1)).toContainText("Likely the same as Sam Lee (same phone 0044 7700 900001)");
  await expect(preview.getByLabel("What to do with S. Lee")).toHaveValue(/^merge/);
  await expect(contacts.nth(2)).toContainText("Possibly the same as Sam Lee (same name)");
  await expect(preview.getByLabel("What to do with Sam Lee")).toHaveValue("add");
  await app.expectNoAxeViolations();
  await page.getByRole("button", { name: "Dismiss" }).click().catch(() => {});
  await contacts.nth(0).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: test.info().outputPath("contacts-name-only-match.png") });

  await preview.getByRole("button", { name: "Import these contacts" }).click();
  await expect(app.toast).toContainText("Imported 2 people");
  await app.go("People");
  await expect(people.names()).toHaveText(["Sam Lee", "Sam Lee", "Sam Lee"]);
});

test("a backup with a key written twice is refused at both places and changes nothing", async ({ page, app, people, backups }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();
  const file = await backups.downloadBackup();
  // A second, empty list of people: read naively, it would empty the journal on Replace.
  const text = file.text.replace('\n"purposes": [', '\n"people": [],\n"purposes": [');
  const stored = await rapportEntries(page);

  await backups.chooseBackup({ name: "twice.json", text });
  await expect(page.getByText("This file was not imported. Nothing was changed.")).toBeVisible();
  await expect(backups.problems).toHaveText(/^people: this key appears twice \(line 6, column 1 and line \d+, column 1\)$/);
  await expect(backups.preview).toHaveCount(0);
  await app.expectNoAxeViolations();
  await backups.problems.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: test.info().outputPath("backup-repeated-key.png") });
  expect(await rapportEntries(page)).toEqual(stored);

  // The same text encrypted as the app does (PBKDF2-SHA256, AES-256-GCM): refused once decrypted.
  const envelope = await page.evaluate(async (plaintext) => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const secret = await crypto.subtle.importKey("raw", new TextEncoder().encode("two keys"), "PBKDF2", false, ["deriveKey"]);
    const key = await crypto.subtle.deriveKey(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations: 600000 },
      secret,
      { name: "AES-GCM", length: 256 },
      false,
      ["encrypt"],
    );
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, key, new TextEncoder().encode(plaintext)));
    const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
    return JSON.stringify({
      format: "rapport-encrypted-backup",
      version: 1,
      kdf: { name: "PBKDF2", hash: "SHA-256", iterations: 600000, salt: b64(salt) },
      cipher: { name: "AES-256-GCM", nonce: b64(nonce) },
      ciphertext: b64(sealed),
    });
  }, text);
  await backups.chooseBackup({ name: "twice.encrypted.json", text: envelope });
  await backups.unlock("two keys");
  await expect(backups.problems).toHaveText(/^people: this key appears twice \(line 6, column 1 and line \d+, column 1\)$/);
  await expect(backups.preview).toHaveCount(0);
  expect(await rapportEntries(page)).toEqual(stored);
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace"]);
});

test("a merge keeps both of two people made separately with the same id", async ({ page, app, people, backups }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();
  const file = await backups.downloadBackup();
  // Another device made Grace a day earlier, and her id happens to be Ada's.
  const backup = JSON.parse(file.text);
  backup.people[0].name = "Grace Hopper";
  backup.people[0].created -= 86400000;
  backup.people[0].updated = backup.people[0].created;

  await backups.chooseBackup({ name: "other-device.json", text: JSON.stringify(backup) });
  await expect(backups.preview).toContainText(
    "People: 0 new, 0 identical, 0 in conflict, 0 only in this journal, 1 kept as two records (see below)",
  );
  await expect(backups.preview.getByRole("list", { name: "Kept as two records" })).toHaveText(
    "Person Grace Hopper (in the backup) and Ada Lovelace (in your journal) were made separately on two devices; a merge keeps both",
  );
  await expect(backups.preview.getByRole("list", { name: "Conflicts" })).toHaveCount(0);
  await app.expectNoAxeViolations();
  await backups.preview.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: test.info().outputPath("backup-kept-both.png") });
  await backups.merge();

  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
  await page.reload();
  await app.waitUntilReady();
  await app.go("People");
  await expect(people.names()).toHaveText(["Ada Lovelace", "Grace Hopper"]);
});

test("a large backup is read in steps, with a bar counting its records", async ({ page, app, people, backups }) => {
  await app.open();
  await addPeople(page, [{ name: "Ada Lovelace" }]);
  await backups.open();
  const backup = JSON.parse((await backups.downloadBackup()).text);
  const ada = backup.people[0];
  const day = (n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const count = 40_000;
  backup.interactions = Array.from({ length: count }, (_, n) => ({
    id: `ibig${n}`, date: day(n % 2000), who: [ada.id], kind: "call", by: n % 2 ? "me" : "them",
    note: `Call number ${n}`, created: ada.created, updated: ada.created,
  }));
  const total = (backup.people.length + count + backup.purposes.length).toLocaleString("en-US");

  // Every value and label the bar shows.
  await page.evaluate(() => {
    window.__bars = [];
    new MutationObserver(() => {
      const bar = document.querySelector("progress#restore-progress");
      if (bar) window.__bars.push([Number(bar.value), Number(bar.max), bar.labels?.[0]?.textContent]);
    }).observe(document.querySelector("main"), { childList: true, subtree: true, attributes: true, characterData: true });
  });
  await backups.chooseBackup({ name: "large.json", text: JSON.stringify(backup) });
  await expect(backups.preview).toBeVisible({ timeout: 30_000 });
  await expect(backups.preview).toContainText(`Interactions: ${count} new`);

  const bars = await page.evaluate(() => window.__bars);
  const partway = bars.filter(([value, max]) => value > 0 && value < max);
  expect(partway.length, JSON.stringify(bars.slice(0, 5))).toBeGreaterThan(0);
  expect(partway[0][2]).toMatch(new RegExp(`^Checking the file: [\\d,]+ of ${total} records$`));
  await app.expectNoAxeViolations();
});
