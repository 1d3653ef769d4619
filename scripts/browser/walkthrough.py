"""Walks a whole round of the office's pages in a real browser (Chromium through
chromedriver, headless), as an administrator and as a street clerk, in Chinese and once in
English, and takes a screenshot at each step.

Run by scripts/browser-walkthrough.sh, which starts the server on a temporary database and
makes the accounts; this script only drives the browser and checks what the pages show.
Each check names the step it belongs to; the first failure stops the walk with a screenshot
of the page as it was.
"""
import argparse
import os
import sys
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait


class Walk:
    def __init__(self, args):
        self.args = args
        self.base = args.base.rstrip("/")
        self.shots = Path(args.shots)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.downloads = self.shots / "downloads"
        self.downloads.mkdir(exist_ok=True)
        self.count = 0
        self.driver = self.browser()

    def browser(self):
        options = webdriver.ChromeOptions()
        options.binary_location = self.args.chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1366,900", "--lang=zh-CN", "--force-device-scale-factor=1"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(self.downloads.resolve()),
            "download.prompt_for_download": False,
        })
        # chromedriver now and then fails to start Chromium on a loaded machine: one more try.
        for attempt in range(2):
            try:
                driver = webdriver.Chrome(service=Service(executable_path=self.args.chromedriver), options=options)
                break
            except Exception as error:
                if attempt == 1:
                    raise
                print(f"  chromedriver did not start ({type(error).__name__}); trying once more")
                time.sleep(2)
        driver.set_page_load_timeout(60)
        return driver

    # --- helpers -------------------------------------------------------------------
    def go(self, path):
        self.driver.get(self.base + path)

    def shot(self, name):
        """A screenshot of the whole page (the window grows to the page's height)."""
        self.count += 1
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1366, max(900, min(height + 160, 4000)))
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(1366, 900)
        print(f"  screenshot {path.name}")
        return path

    def wait(self, condition, timeout=30):
        return WebDriverWait(self.driver, timeout).until(condition)

    def element(self, css, timeout=30):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, css)), timeout)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def expect(self, condition, what):
        if not condition:
            self.shot("FAILED")
            raise AssertionError(what)

    def expect_text(self, *needles):
        body = self.text()
        for needle in needles:
            self.expect(needle in body, f"the page at {self.driver.current_url} lacks {needle!r}")

    def fill(self, css, value):
        field = self.element(css)
        field.clear()
        field.send_keys(value)

    def click(self, css):
        self.element(css).click()

    def click_and_load(self, css):
        """Clicks what opens another page, and waits until the old page is gone."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(css)

        def gone(_):
            # Chromium answers "stale" or "node does not belong to the document" for an old page.
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True

        self.wait(gone)

    def status_of(self, path):
        """The HTTP status of a GET in this browser session (a fetch from the page)."""
        return self.driver.execute_script(
            "return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.status)", path)

    # --- the walk ------------------------------------------------------------------
    def sign_in(self, name, password):
        self.driver.delete_all_cookies()
        self.go("/login")
        self.fill("#name", name)
        self.fill("#password", password)
        self.click("#sign-in")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "header .who")))

    def step(self, title):
        print(f"== {title}")

    def admin_round(self):
        a = self.args
        self.step("sign-in page, then the administrator's home")
        self.driver.delete_all_cookies()
        self.go("/login")
        self.expect_text("请用民政局为您开设的账号登录")
        self.shot("sign-in")
        self.sign_in("admin", a.admin_password)
        self.expect_text("结对轮次", "新建一轮结对")

        self.step("a new round")
        self.fill("#round-name", "2027 年度结对")
        self.click_and_load("#create-round")
        self.element("#upload-households-file")
        self.round_path = urllib.parse.urlparse(self.driver.current_url).path
        self.shot("round-new")

        self.step("a broken households file: every problem listed, nothing kept")
        self.element("#upload-households-file").send_keys(str(Path(a.broken).resolve()))
        self.click("#upload-households")
        self.element("#problems")
        self.expect_text("没有保存任何内容", "应在 1 到 5 之间", "是空的")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#problems tbody tr")
        self.expect(len(rows) >= 3, f"only {len(rows)} problems listed")
        self.expect("尚未上传" in self.element("#file-households").text, "a broken file was kept")
        self.shot("upload-problems")

        self.step("clean households and helpers")
        self.element("#upload-households-file").send_keys(str(Path(a.households).resolve()))
        self.click("#upload-households")
        self.wait(lambda d: "stored=households" in d.current_url)
        self.element("#upload-helpers-file").send_keys(str(Path(a.helpers).resolve()))
        self.click("#upload-helpers")
        self.wait(lambda d: "stored=helpers" in d.current_url)
        self.expect_text("4601", "3583")
        self.shot("round-uploaded")

        self.step("the policy as a form, and its YAML")
        self.click_and_load("#open-policy")
        # Only the keep bonus changes: coverage and kind rules make a debug build's solve of
        # xigang take minutes on a loaded machine (the walk must stay short).
        self.fill("#keep_bonus", "3")
        self.click_and_load("#save-policy")
        self.wait(lambda d: "stored=policy" in d.current_url)
        self.click_and_load("#open-policy")
        self.click("#policy-yaml summary")
        self.expect_text("keep_bonus: 3", "max_distance: 2")
        self.shot("policy-form")

        self.step("solve, following its progress")
        self.go(self.round_path)
        self.click_and_load("#solve")
        self.element("#progress")
        try:  # the solver's first report (a short solve may end first)
            self.wait(lambda d: d.find_element(By.ID, "progress-stage").text not in ("", "—"), timeout=8)
        except Exception:
            pass
        if "/progress" in self.driver.current_url:
            self.shot("solve-progress")
        self.wait(lambda d: d.current_url.endswith("/review"), timeout=150)
        self.element("#headline")

        self.step("review: headline numbers, proof, charts")
        self.expect_text("已证明最优", "各街道结对率", "结对率最低的社区", "未满足的需求", "各类帮扶人的结对数", "结对距离")
        charts = self.driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        self.expect(len(charts) == 5, f"{len(charts)} charts drawn")
        self.shot("review")

    def pairs_and_household(self):
        a = self.args
        self.step("the pair list: search, filters, paging")
        self.go(self.round_path + "/pairs")
        self.expect_text("共 4601 户")
        self.click_and_load("#page-next")
        self.expect_text("第 2 / 93 页")
        Select(self.element("#pair-status")).select_by_value("unpaired")
        self.click_and_load("#pair-filter")
        self.expect_text("未结对")
        self.fill("#pair-search", a.clerk_street.split("/")[1])
        Select(self.element("#pair-status")).select_by_value("")
        Select(self.element("#pair-kind")).select_by_value("volunteer")
        self.click_and_load("#pair-filter")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#pairs tbody tr")
        self.expect(0 < len(rows) <= 50, f"{len(rows)} rows after the search")
        self.expect(all("志愿者" in r.text for r in rows), "a row of another kind after filtering to volunteers")
        self.shot("pairs-search")
        self.step("a household: its pair's reasons and its alternatives with their price")
        rows[0].find_element(By.CSS_SELECTOR, "a").click()
        self.element("#alternatives")
        self.expect_text("其他可选的帮扶人", "已证明最优")
        self.shot("household")

    def clerk_edit(self):
        a = self.args
        self.step("the clerk: own street only; moves a household with a note; another street's page is refused (403)")
        self.sign_in("clerk", a.clerk_password)
        self.expect_text("街道经办人")
        self.shot("clerk-home")
        self.go(self.round_path + "/review")
        self.expect_text(a.clerk_street.split("/")[1])
        self.expect(a.other_street.split("/")[1] not in self.text(), "the clerk sees another street")
        self.go(self.round_path + "/pairs?status=new&sort=cost&desc=1")
        self.element("#pairs tbody tr a").click()
        self.element("#alternatives")
        self.household_path = urllib.parse.urlparse(self.driver.current_url).path
        movable = [r for r in self.driver.find_elements(By.CSS_SELECTOR, "#alternatives tbody tr")
                   if r.find_elements(By.CSS_SELECTOR, ".move-here")]
        self.expect(movable, "no alternative helper to move to")
        target = movable[0]
        self.moved_to = target.text.split("（")[1].split("）")[0]
        target.find_element(By.CSS_SELECTOR, ".move-note").send_keys("帮扶人与该户同一楼栋，便于走访")
        self.shot("clerk-household")
        target.find_element(By.CSS_SELECTOR, ".move-here").click()
        self.element("#edits")
        self.expect_text("改派", "帮扶人与该户同一楼栋", "方案需要重新计算")
        self.shot("clerk-edit-saved")
        self.go(self.round_path + "/review?place=" + urllib.parse.quote(a.other_street))
        self.expect_text("403", "没有权限")
        self.shot("clerk-refused")
        self.expect(self.status_of(self.round_path + "/review?place=" + urllib.parse.quote(a.other_street)) == 403,
                    "another street's page did not answer 403")
        self.expect(self.status_of(self.round_path + "/publish") == 403, "the clerk could open the publish page")

    def resolve_keeps_edit(self):
        self.step("the administrator re-solves: the hand edit is kept, the plan proven optimal, what else moved")
        self.sign_in("admin", self.args.admin_password)
        self.go(self.round_path + "/changes")
        self.click_and_load("#resolve")
        self.wait(lambda d: d.current_url.endswith("/review"), timeout=150)
        self.go(self.round_path + "/changes")
        self.element("#what-moved")
        self.expect_text("已证明最优", "重新计算后的变动")
        self.expect(int(self.element("#moved-count").text) >= 1, "the re-solve moved nothing")
        self.shot("resolve-what-moved")
        self.go(self.household_path)
        self.expect(self.moved_to in self.element("#household-helper").text, "the hand edit did not survive the re-solve")
        self.expect_text("已锁定")

    def publish_and_download(self):
        self.step("publish: confirm, then read-only")
        self.go(self.round_path + "/publish")
        self.expect_text("公示后本轮只能查看")
        self.click("#publish-confirm")
        self.shot("publish-confirm")
        self.click_and_load("#publish")
        self.wait(lambda d: d.current_url.endswith("/review"))
        self.expect_text("已公示")
        self.go(self.round_path)
        self.expect(not self.driver.find_elements(By.CSS_SELECTOR, "#upload-households-file"), "uploads offered after publishing")
        self.expect_text("本轮已公示，只能查看")
        self.shot("round-published")

        self.step("downloads: the public list and a street's list, and the printable view")
        self.go(self.round_path + "/review")
        street_link = self.element("#streets tbody tr td:nth-child(5) a")  # the street's pairs.xlsx
        street_link.click()
        self.element("a[href$='public.csv']").click()
        deadline = time.time() + 30
        while time.time() < deadline:
            names = sorted(p.name for p in self.downloads.iterdir() if not p.name.endswith(".crdownload"))
            if any(n.endswith("pairs.xlsx") for n in names) and any(n.endswith("public.csv") for n in names):
                break
            time.sleep(0.3)
        names = sorted(p.name for p in self.downloads.iterdir())
        workbook = next((self.downloads / n for n in names if n.endswith("pairs.xlsx")), None)
        public = next((self.downloads / n for n in names if n.endswith("public.csv")), None)
        self.expect(workbook is not None and workbook.read_bytes()[:2] == b"PK", f"no street workbook among {names}")
        self.expect(public is not None and "公示" not in public.name, f"no public list among {names}")
        text = public.read_text(encoding="utf-8-sig")
        self.expect("*" in text.splitlines()[1], "the public list's names are not masked")
        print(f"  downloaded {workbook.name} ({workbook.stat().st_size} bytes), {public.name} ({len(text.splitlines()) - 1} rows)")
        self.click_and_load("#print-all")
        self.expect_text("结对公示名单", "姓名已部分隐去")
        self.shot("print")

    def next_year(self):
        a = self.args
        self.step("next year's round builds on the published one: compare by street")
        self.go("/")
        self.fill("#round-name", "2028 年度结对")
        Select(self.element("#round-previous")).select_by_index(1)
        self.click_and_load("#create-round")
        self.element("#upload-households-file").send_keys(str(Path(a.households).resolve()))
        self.click("#upload-households")
        self.wait(lambda d: "stored=households" in d.current_url)
        self.element("#upload-helpers-file").send_keys(str(Path(a.helpers_next).resolve()))
        self.click("#upload-helpers")
        self.wait(lambda d: "stored=helpers" in d.current_url)
        self.element("#profile")
        self.shot("next-round-profile")
        self.click_and_load("#solve")
        self.wait(lambda d: d.current_url.endswith("/review"), timeout=150)
        self.next_path = self.driver.current_url.rsplit("/review", 1)[0].split(self.base, 1)[1]
        self.go(self.next_path + "/compare")
        self.element("#compare")
        self.expect_text("与第 1 轮比较", "保留比例", "合计")
        self.shot("compare")

        self.step("what-if: two helpers withdraw and one takes more; preview, discard, then apply")
        self.go(self.next_path + "/whatif")
        self.fill("#whatif-remove-helpers", "G000003, G000010")
        self.fill("#whatif-capacity", "G000020=3")
        self.click_and_load("#whatif-preview")
        self.element("#whatif-result")
        self.expect_text("这只是预览", "之前", "之后")
        self.shot("whatif-preview")
        self.click_and_load("#whatif-discard")
        self.element("#whatif-form")
        self.fill("#whatif-remove-helpers", "G000003")
        self.click_and_load("#whatif-preview")
        self.element("#whatif-result")
        self.click_and_load("#whatif-apply")
        self.element("#what-moved")
        self.expect_text("重新计算后的变动")
        self.shot("whatif-applied")

    def audit(self):
        self.step("the audit log, filtered to refusals")
        self.go("/audit")
        self.click("#audit-refusals")
        self.click_and_load("#audit-filter")
        self.element("#audit-filters")
        self.expect_text("操作日志")
        self.shot("audit-refusals")
        self.go("/audit")
        self.shot("audit")

    def english(self):
        self.step("the same pages in English")
        self.go(self.round_path + "/review")
        self.click_and_load("#switch-language")
        self.expect_text("Proven optimal", "Coverage by street", "Downloads and printing")
        self.shot("review-en")
        self.go(self.round_path)
        self.expect_text("Upload the rolls", "This round is published and read-only.")
        self.shot("round-en")
        self.go("/audit")
        self.expect_text("Audit log")
        self.click_and_load("#switch-language")
        self.expect_text("操作日志")

    def run(self):
        start = time.time()
        try:
            self.admin_round()
            self.pairs_and_household()
            self.clerk_edit()
            self.resolve_keeps_edit()
            self.publish_and_download()
            self.next_year()
            self.audit()
            self.english()
        finally:
            self.driver.quit()
        print(f"browser walkthrough: every step passed in {time.time() - start:.0f} s; {self.count} screenshots in {self.shots}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ["base", "admin-password", "clerk-password", "clerk-street", "other-street", "households", "helpers",
                 "helpers-next", "broken", "shots", "chromium", "chromedriver"]:
        p.add_argument("--" + name, required=True)
    Walk(p.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
