// Page object for the app shell: finds things by role and label, as a user would.
import { expect } from "@playwright/test";

export class AppPage {
  constructor(page) {
    this.page = page;
    this.appName = page.getByRole("banner").getByText("Rapport", { exact: true });
    this.welcomeHeading = page.getByRole("heading", { name: "Your networking journal" });
  }

  async open(path = "./") {
    await this.page.goto(path);
    await this.waitUntilReady();
  }

  async waitUntilReady() {
    await expect(this.appName).toBeVisible();
  }
}
