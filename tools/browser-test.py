#!/usr/bin/env python3
"""The web forms of `grassroots serve` in a real browser (issue 15, item 5).

Usage: tools/browser-test.py GRASSROOTS_BINARY SCRATCH_DIRECTORY

Creates a ledger in SCRATCH_DIRECTORY (a village, a group, three persons), grants a clerk of the village and
a reviewer, starts `grassroots serve` on a free loopback port, and drives headless Chromium (chromium-driver,
Python selenium; tools/install-deps.sh installs both): the clerk logs in, records a group meeting, a vote and
an installation through the forms, sees that the same meeting recorded again is recorded once, submits an
installation the rules refuse and sees the refusal in Chinese with its source, and logs out; the reviewer logs
in and sees the roster show the new leader. `grassroots record` on the command line, given the same meeting,
answers that it is recorded already as the same event: the form and the command make the same act.

Exits 0 when every step held; otherwise 1 with the step that failed on standard error. The server is stopped
at the end, also on failure. Standard library and selenium only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HISTORY = [
    {"type": "unit.registered", "effectiveDate": "2023-01-01",
     "data": {"unit": "unit:wk-lianhe", "name": "联合村", "level": "village"}},
    {"type": "group.registered", "effectiveDate": "2023-01-10",
     "data": {"group": "group:lh-03", "unit": "unit:wk-lianhe", "name": "第三村民小组", "kind": "village",
              "households": 46, "adults": 131}},
    {"type": "person.registered", "schemaVersion": 2, "effectiveDate": "2023-01-10",
     "data": {"person": "person:p-0001", "name": "王秀英", "birthDate": "1972-05-14", "sex": "F",
              "group": "group:lh-03", "votingRights": True}},
    {"type": "person.registered", "schemaVersion": 2, "effectiveDate": "2023-01-10",
     "data": {"person": "person:p-0004", "name": "李春生", "birthDate": "1966-11-30", "sex": "M",
              "group": "group:lh-03", "votingRights": True}},
]
PASSWORD = "browser test password"
DAY = "2023-02-18"
MEETING = ["--group", "第三村民小组", "--purpose", "选举小组长", "--eligible-adults", "131", "--attending-adults", "97"]
WAIT_SECONDS = 15


class Failed(Exception):
    """A step that did not hold."""


def step(text):
    print("browser-test: " + text, flush=True)


def check(condition, what):
    if not condition:
        raise Failed(what)


def run(binary, arguments, stdin=None, environment=None):
    result = subprocess.run([binary] + arguments, input=stdin, capture_output=True, text=True,
                            env=environment, timeout=60)
    if result.returncode != 0:
        raise Failed("grassroots %s exited %d: %s" % (" ".join(arguments[:2]), result.returncode,
                                                        result.stderr.strip()))
    return result.stdout


def make_ledger(binary, ledger, scratch, environment):
    run(binary, ["init", "--ledger", ledger], environment=environment)
    history = "".join(json.dumps(event, ensure_ascii=False) + "\n" for event in HISTORY)
    run(binary, ["append", "--ledger", ledger, "-"], stdin=history, environment=environment)
    password_file = os.path.join(scratch, "password.txt")
    with open(password_file, "w", encoding="utf-8") as handle:
        handle.write(PASSWORD + "\n")
    run(binary, ["account", "add", "clerk1", "--ledger", ledger, "--role", "clerk", "--unit", "联合村",
                 "--password-file", password_file], environment=environment)
    run(binary, ["account", "add", "reviewer1", "--ledger", ledger, "--role", "reviewer", "--unit", "unit:wk-lianhe",
                 "--password-file", password_file], environment=environment)


def start_server(binary, ledger, environment):
    """`grassroots serve --port 0`; the port it reports listening on."""
    server = subprocess.Popen([binary, "serve", "--ledger", ledger, "--bind", "127.0.0.1", "--port", "0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)
    found = {}

    def read():
        for line in server.stderr:
            match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
            if match and "port" not in found:
                found["port"] = int(match.group(1))
            found.setdefault("lines", []).append(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.time() + WAIT_SECONDS
    while "port" not in found and time.time() < deadline and server.poll() is None:
        time.sleep(0.05)
    if "port" not in found:
        server.kill()
        raise Failed("grassroots serve did not report its port: %s" % "".join(found.get("lines", [])).strip())
    return server, found["port"]


def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise Failed("Python selenium is missing: run tools/install-deps.sh")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    check(chromium is not None, "chromium is missing: run tools/install-deps.sh")
    check(driver_path is not None, "chromedriver (chromium-driver) is missing: run tools/install-deps.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    return driver


class Browser:
    def __init__(self, driver, base):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
        self.driver = driver
        self.base = base
        self.By = By
        self.Select = Select

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, by, value):
        elements = self.driver.find_elements(by, value)
        check(elements, "no %s %r on %s:\n%s" % (by, value, self.driver.current_url, self.text()))
        return elements

    def text(self):
        return self.driver.find_element(self.By.TAG_NAME, "body").text

    def type(self, name, value, index=0):
        box = self.find(self.By.NAME, name)[index]
        if box.get_attribute("type") in ("date", "month"):
            # A date box takes typed digits in the browser's locale order; set its value as the page would.
            self.driver.execute_script("arguments[0].value = arguments[1];", box, value)
        else:
            box.clear()
            box.send_keys(value)

    def choose(self, name, value):
        self.Select(self.find(self.By.NAME, name)[0]).select_by_value(value)

    def submit(self, form_id):
        self.click("#%s button[type=submit]" % form_id)

    def click(self, selector):
        """Clicks and waits for the next page: the old one gone, the new one loaded (a loaded machine is slow)."""
        from selenium.webdriver.support.ui import WebDriverWait
        from selenium.common.exceptions import WebDriverException
        old = self.driver.find_element(self.By.TAG_NAME, "html")
        self.find(self.By.CSS_SELECTOR, selector)[0].click()

        def gone(_driver):
            # selenium's staleness_of catches only StaleElementReferenceException; chromedriver sometimes says
            # the same as "unknown error: ... Node with given id does not belong to the document".
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, WAIT_SECONDS).until(gone)
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")

    def log_in(self, account):
        self.open("/login")
        self.type("account", account)
        self.type("password", PASSWORD)
        self.submit("login")
        check("/login" not in self.driver.current_url, "%s could not log in: %s" % (account, self.text()))

    def record(self, act, values, choices=None, lists=None):
        """Fills the act's form and submits it; the page's text after."""
        self.open("/record/" + act)
        self.type("date", DAY)
        for name, value in values.items():
            self.type(name, value)
        for name, value in (choices or {}).items():
            self.choose(name, value)
        for name, items in (lists or {}).items():
            for index, item in enumerate(items):
                self.type(name, item, index)
        self.submit("act-form")
        return self.text()


def recorded_seq(text, what):
    match = re.search(r"已记录.*第(\d+)号事件", text)
    check(match is not None, "%s was not recorded:\n%s" % (what, text))
    return int(match.group(1))


def scenario(page, binary, ledger, environment):
    step("the clerk logs in and sees the acts in Chinese")
    page.log_in("clerk1")
    page.open("/record")
    check("小组会议" in page.text() or "会议" in page.text(), "the list of acts is not in Chinese:\n" + page.text())
    page.find(page.By.ID, "act-meeting")

    step("records a group meeting")
    text = page.record("meeting", {"group": "第三村民小组", "purpose": "选举小组长", "eligible-adults": "131",
                                   "attending-adults": "97"})
    meeting = recorded_seq(text, "the meeting")
    check("meeting:lh-03-2023-02-18" in text, "the meeting's generated id is not shown:\n" + text)
    check("第三村民小组" in text, "the group's name is not shown beside its id:\n" + text)

    step("the same meeting again is recorded once")
    text = page.record("meeting", {"group": "第三村民小组", "purpose": "选举小组长", "eligible-adults": "131",
                                   "attending-adults": "97"})
    check("已于第%d号事件记录" % meeting in text, "a second submission was not recognised as the first:\n" + text)

    step("grassroots record on the command line makes the same act")
    cli = json.loads(run(binary, ["record", "meeting", "--ledger", ledger, "--date", DAY, "--json"] + MEETING,
                         environment=environment))
    check(cli.get("outcome") == "already-recorded" and cli.get("seq") == meeting,
          "the command line's meeting is not the form's (event %d): %s" % (meeting, cli))

    step("records the vote and the installation")
    text = page.record("vote", {"group": "第三村民小组", "ballots-cast": "97"}, choices={"question": "election"},
                       lists={"candidate": ["王秀英=71", "李春生=20"]})
    recorded_seq(text, "the vote")
    text = page.record("installation", {"group": "第三村民小组", "person": "王秀英"}, choices={"post": "group-leader"})
    recorded_seq(text, "the installation")
    check("王秀英" in text and "小组长" in text, "the installation's result does not name the leader:\n" + text)

    step("an installation the rules refuse shows the refusal in Chinese with its source")
    head_before = run(binary, ["stats", "--ledger", ledger, "--json"], environment=environment)
    text = page.record("installation", {"group": "第三村民小组", "person": "李春生"}, choices={"post": "group-leader"})
    notice = page.find(page.By.ID, "notice")[0].text
    check("被拒绝" in notice and "依据" in notice, "the refusal is not shown with its source: %r" % notice)
    step("refused as the command line says: " + notice)
    check(page.find(page.By.NAME, "person")[0].get_attribute("value") == "李春生",
          "the refused form was not filled again with what was typed")
    head_after = run(binary, ["stats", "--ledger", ledger, "--json"], environment=environment)
    check(json.loads(head_before).get("headSeq") == json.loads(head_after).get("headSeq"),
          "the refused installation wrote something")

    step("the clerk logs out")
    page.click("header form button")
    check("/login" in page.driver.current_url, "logging out did not return to the login page")

    step("the reviewer sees the new leader on the roster and no forms")
    page.log_in("reviewer1")
    page.open("/roster?group=group%3Alh-03")
    roster = page.find(page.By.ID, "roster")[0].text
    check("王秀英" in roster and "小组长" in roster, "the roster does not show the new leader:\n" + roster)
    page.open("/record")
    check("审阅人" in page.text() and not page.driver.find_elements(page.By.ID, "acts"),
          "a reviewer was offered the forms:\n" + page.text())


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    binary, scratch = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(scratch, exist_ok=True)
    ledger = os.path.join(scratch, "ledger")
    environment = dict(os.environ, GRASSROOTS_LANG="zh", GRASSROOTS_ACTOR="browser-test",
                       GRASSROOTS_PASSWORD_ITERATIONS="1000")
    server = None
    driver = None
    started = time.time()
    try:
        check(not os.path.exists(ledger), "%s exists: give an empty scratch directory" % ledger)
        make_ledger(binary, ledger, scratch, environment)
        server, port = start_server(binary, ledger, environment)
        step("serving on 127.0.0.1:%d" % port)
        driver = browser()
        scenario(Browser(driver, "http://127.0.0.1:%d" % port), binary, ledger, environment)
        step("passed in %.1f s" % (time.time() - started))
        return 0
    except Failed as failure:
        print("browser-test: FAILED: %s" % failure, file=sys.stderr)
        return 1
    except Exception as error:  # selenium's and the subprocess's errors: reported, never a traceback alone
        print("browser-test: FAILED: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    sys.exit(main())
