// Page object for the Backups screen: downloads, restores and contact imports.
import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";

export class BackupsPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { name: "Backups", level: 1 });
    this.lastBackup = page.locator(".backups .last-backup");
    this.restoreFile = page.getByLabel("Backup file", { exact: true });
    this.preview = page.getByRole("region", { name: "What this backup holds" });
    this.problems = page.getByRole("list", { name: "Problems in the file" });
    this.undoRegion = page.getByRole("region", { name: "Undo the import" });
  }

  async open() {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
    await this.page.getByRole("link", { name: "Backups and import" }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Clicks a download button and returns the file's name, path and text. */
  async download(button) {
    const download = this.page.waitForEvent("download");
    await button.click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), path, text: await readFile(path, "utf8") };
  }

  async downloadBackup() {
    return this.download(this.page.getByRole("button", { name: "Download a backup", exact: true }));
  }

  async downloadEncrypted(passphrase, again = passphrase) {
    await this.page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
    await this.page.getByLabel("Passphrase again", { exact: true }).fill(again);
    return this.download(this.page.getByRole("button", { name: "Download an encrypted backup" }));
  }

  /** Chooses a backup: a path, or `{ name, text }`. */
  async chooseBackup(file) {
    const files = typeof file === "string" ? file : { name: file.name, mimeType: "application/json", buffer: Buffer.from(file.text) };
    await this.restoreFile.setInputFiles(files);
  }

  async unlock(passphrase) {
    await this.page.getByLabel("Passphrase for this backup").fill(passphrase);
    await this.page.getByRole("button", { name: "Decrypt" }).click();
  }

  async merge() {
    await this.preview.getByRole("radio", { name: /^Merge/ }).check();
    await this.preview.getByRole("button", { name: "Merge into my journal" }).click();
    await expect(this.preview).toBeHidden();
  }

  async replace() {
    await this.preview.getByRole("radio", { name: /^Replace/ }).check();
    await this.preview.getByRole("button", { name: "Replace my journal" }).click();
    await expect(this.preview).toBeHidden();
  }

  contactsFile(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  contactsPreview(sectionTitle) {
    return this.page.getByRole("region", { name: sectionTitle }).locator(".import-preview");
  }
}
