#!/usr/bin/env python3
"""Accounts on screen in a real browser (headless Chromium driven by Selenium).

The administrator adds an account on /tai-khoan; the new account logs in with the password it
was given, is sent to /doi-mat-khau, chooses its own password and logs in again with it. The
administrator disables and re-enables the account, resets its password (the temporary password
is shown once and works, and must be changed again), and unlocks it after too many wrong
passwords. The skip link is the first thing the keyboard reaches. A screenshot at each step.

Usage: TIENDO_URL=http://127.0.0.1:18091 python3 Tests/browser/accounts.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import sys

import browser_support as support
from browser_support import browser, check, click_and_wait, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

ADMIN = ("quantri", support.DEMO_PASSWORDS["quantri"])
NEW = "canbo.trinhduyet"
FIRST = "ban-dau-2026!"
OWN = "cua-rieng-toi-2026"
AFTER_RESET = "lan-thu-ba-2026"
BASE = ""


def login(driver, username, password):
    """Logs in on a clean session and says whether it worked (several logins here must fail,
    so this does not count a check as `browser_support.login` does)."""
    driver.delete_all_cookies()
    driver.get(BASE + "/dang-nhap")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    return "Đăng xuất" in driver.page_source


def path(driver):
    return driver.current_url[len(BASE):].split("?")[0]


def account_button(driver, label):
    return driver.find_element(By.CSS_SELECTOR, f"button[aria-label='{label}']")


def change_own_password(driver, current, new):
    driver.find_element(By.NAME, "mat-khau-hien-tai").send_keys(current)
    driver.find_element(By.NAME, "mat-khau-moi").send_keys(new)
    driver.find_element(By.NAME, "nhap-lai").send_keys(new)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def main():
    global BASE
    BASE = support.setup(18091, "/tmp/tiendo-screens-accounts")
    driver = browser()
    try:
        print("1. Phím Tab đầu tiên tới liên kết bỏ qua")
        check(login(driver, *ADMIN), "quản trị đăng nhập được")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        check(focused.text == "Bỏ qua, tới nội dung chính", "liên kết bỏ qua là chỗ đầu tiên phím Tab tới")
        focused.send_keys(Keys.ENTER)
        check(driver.current_url.endswith("#noi-dung-chinh"), "liên kết bỏ qua đưa tới nội dung chính")

        print("2. Quản trị thêm tài khoản")
        click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Tài khoản"))
        check(path(driver) == "/tai-khoan", "liên kết Tài khoản mở trang /tai-khoan")
        driver.find_element(By.NAME, "ten-dang-nhap").send_keys(NEW)
        driver.find_element(By.NAME, "ho-ten").send_keys("Cán bộ thử trên trình duyệt")
        Select(driver.find_element(By.NAME, "vai-tro")).select_by_value("bao-cao")
        Select(driver.find_element(By.NAME, "don-vi")).select_by_value("19831")
        driver.find_element(By.NAME, "mat-khau").send_keys(FIRST)
        driver.find_element(By.NAME, "nhap-lai").send_keys(FIRST)
        click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='Thêm tài khoản']"))
        check(f"Đã tạo tài khoản “{NEW}”" in driver.page_source, "trang báo đã tạo tài khoản")
        check(driver.find_elements(By.ID, f"tk-{NEW}") != [], "tài khoản mới có trong danh sách")
        shot(driver, "01-them-tai-khoan")

        print("3. Tài khoản mới đăng nhập, phải đổi mật khẩu")
        check(login(driver, NEW, FIRST), "tài khoản mới đăng nhập bằng mật khẩu được giao")
        check(path(driver) == "/doi-mat-khau", "lần đầu đăng nhập được đưa tới trang Đổi mật khẩu")
        check("do quản trị viên đặt" in driver.page_source, "trang nói vì sao phải đổi")
        driver.get(BASE + "/nhap-lieu")
        check(path(driver) == "/doi-mat-khau", "chưa đổi mật khẩu thì chưa mở được trang khác")
        shot(driver, "02-phai-doi-mat-khau")
        change_own_password(driver, FIRST, OWN)
        check("Đã đổi mật khẩu." in driver.page_source, "đổi mật khẩu thành công")
        driver.get(BASE + "/nhap-lieu")
        check(path(driver) == "/nhap-lieu", "đổi xong thì làm việc bình thường")
        check(not login(driver, NEW, FIRST), "mật khẩu cũ không dùng được nữa")
        check(login(driver, NEW, OWN), "đăng nhập lại bằng mật khẩu mới")
        check(path(driver) == "/", "không phải đổi mật khẩu nữa")

        print("4. Quản trị khóa rồi mở lại tài khoản")
        login(driver, *ADMIN)
        driver.get(BASE + "/tai-khoan")
        click_and_wait(driver, account_button(driver, f"Khóa tài khoản {NEW}"))
        check(f"Đã khóa tài khoản “{NEW}”" in driver.page_source, "trang báo đã khóa")
        check(not login(driver, NEW, OWN), "tài khoản bị khóa không đăng nhập được")
        login(driver, *ADMIN)
        driver.get(BASE + "/tai-khoan")
        click_and_wait(driver, account_button(driver, f"Mở lại tài khoản {NEW}"))
        check(f"Đã mở lại tài khoản “{NEW}”" in driver.page_source, "trang báo đã mở lại")
        check(login(driver, NEW, OWN), "mở lại thì đăng nhập được")

        print("5. Quản trị đặt lại mật khẩu; mật khẩu tạm hiện một lần và dùng được")
        login(driver, *ADMIN)
        driver.get(BASE + "/tai-khoan")
        click_and_wait(driver, account_button(driver, f"Đặt lại mật khẩu của {NEW}"))
        temporary = driver.find_element(By.ID, "mat-khau-tam").text
        check(len(temporary) == 14, "mật khẩu tạm thời hiện trên trang")
        shot(driver, "03-mat-khau-tam")
        driver.get(BASE + "/tai-khoan")
        check(temporary not in driver.page_source, "mở lại trang thì mật khẩu tạm không còn hiện")
        check(not login(driver, NEW, OWN), "mật khẩu trước đó không dùng được nữa")
        check(login(driver, NEW, temporary), "mật khẩu tạm thời đăng nhập được")
        check(path(driver) == "/doi-mat-khau", "đăng nhập bằng mật khẩu tạm phải đổi mật khẩu")
        change_own_password(driver, temporary, AFTER_RESET)
        check(login(driver, NEW, AFTER_RESET), "đăng nhập bằng mật khẩu tự đặt sau khi đặt lại")

        print("6. Quản trị gỡ khóa đăng nhập sau nhiều lần nhập sai")
        for _ in range(6):
            login(driver, NEW, "sai-mat-khau-roi")
        login(driver, NEW, AFTER_RESET)
        check("tạm khóa đăng nhập" in driver.page_source, "nhập sai nhiều lần thì bị tạm khóa")
        login(driver, *ADMIN)
        driver.get(BASE + "/tai-khoan")
        row = driver.find_element(By.ID, f"tk-{NEW}").text
        check("Tạm khóa đăng nhập do nhập sai nhiều lần" in row, "danh sách cho thấy tài khoản đang bị tạm khóa")
        click_and_wait(driver, account_button(driver, f"Gỡ khóa đăng nhập của {NEW}"))
        check(f"Đã gỡ khóa đăng nhập của tài khoản “{NEW}”" in driver.page_source, "trang báo đã gỡ khóa")
        check(login(driver, NEW, AFTER_RESET), "gỡ khóa xong thì đăng nhập được")
        shot(driver, "04-sau-khi-go-khoa")

        print("7. Tài khoản không phải quản trị không vào được trang Tài khoản")
        check(not driver.find_elements(By.LINK_TEXT, "Tài khoản"), "không có liên kết Tài khoản")
        driver.get(BASE + "/tai-khoan")
        check("không được quản lý tài khoản" in driver.page_source, "trang Tài khoản từ chối, bằng tiếng Việt")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
