"""What every browser test here shares: the server address and screenshot folder, the count of
checks, a headless Chromium, waiting for the next page, and logging in as a demo account.

A script calls `setup(default_port, default_shots)` first, then `check`, `shot`, `login`…, and
ends with `sys.exit(summary())`, which prints "N passed, M failed".
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

# The demo accounts' passwords (`tiendo demo`, README "Tài khoản minh họa").
DEMO_PASSWORDS = {
    "phongdinh": "phongdinh-minhhoa",
    "tonghop": "tonghop-minhhoa",
    "quantri": "quantri-minhhoa",
    "lanhdao": "lanhdao-minhhoa",
}

BASE = ""
SHOTS = ""
passed = 0
failed = 0


def setup(default_port, default_shots):
    """Reads TIENDO_URL (default http://127.0.0.1:`default_port`) and the screenshot folder
    (first argument, default `default_shots`); returns the server address."""
    global BASE, SHOTS
    BASE = os.environ.get("TIENDO_URL", f"http://127.0.0.1:{default_port}").rstrip("/")
    SHOTS = sys.argv[1] if len(sys.argv) > 1 else default_shots
    os.makedirs(SHOTS, exist_ok=True)
    return BASE


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print(f"  đạt: {what}")
    else:
        failed += 1
        print(f"  KHÔNG ĐẠT: {what}")


def summary():
    """Prints the count and answers the exit status: 0 when every check passed."""
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def browser(width=1366, height=1800):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", "--lang=vi"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def shot(driver, name):
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    print(f"  ảnh chụp: {path}")


def click_and_wait(driver, element):
    """Clicks a submit button or link and waits for the next page: a click returns before the
    browser has loaded the response, and reading the old page then gives a false failure.

    The old page is marked with a script variable that the next page does not have. Asking the
    browser about an element of the old page instead (Selenium's staleness_of) races with the
    navigation: Chromium can answer "node does not belong to the document" rather than "stale",
    which failed a CI run. The element is scrolled to the middle first, so that a sticky header
    cannot take the click."""
    driver.execute_script("window.__trangCu = true")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()

    def next_page_loaded(d):
        try:
            return d.execute_script("return !window.__trangCu && document.readyState === 'complete'")
        except WebDriverException:
            return False  # the browser is between the two pages

    WebDriverWait(driver, 20).until(next_page_loaded)


def login(driver, username, password=None):
    """Logs in on a clean session; `password` defaults to the demo account's."""
    driver.delete_all_cookies()
    driver.get(BASE + "/dang-nhap")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password or DEMO_PASSWORDS[username])
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    check("Đăng xuất" in driver.page_source, f"{username} đăng nhập được")


def press(driver, action):
    """Presses the button `name=action value=<action>` of the page."""
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"button[name=action][value={action}]"))
