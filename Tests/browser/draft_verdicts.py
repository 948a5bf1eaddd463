#!/usr/bin/env python3
"""Verdicts on unapproved figures in a real browser (headless Chromium driven by Selenium).

The ward officer phongdinh saves a draft, then submits the ward's 2027 report; the ward's
dashboard marks the verdicts that rest on it ("dựa trên số liệu chưa duyệt", words, so a
black-and-white print keeps them) and the switch "Chỉ tính số liệu đã duyệt" shows them without
the mark; once the city approves, the mark is gone. A screenshot is saved at each step.

Usage: TIENDO_URL=http://127.0.0.1:18093 python3 Tests/browser/draft_verdicts.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import sys

import browser_support as support
from browser_support import browser, check, click_and_wait, login, press, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASE = support.setup(18093, "/tmp/tiendo-draft-screens")
ENTRY = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"


def fill(driver, code, text):
    field = driver.find_element(By.NAME, "v_" + code)
    field.clear()
    field.send_keys(text)


def mark_official(driver, code):
    Select(driver.find_element(By.NAME, "s_" + code)).select_by_value("chinhThuc")


def submit_with_confirmation(driver):
    """“Nộp báo cáo” shows the figures again; nothing is submitted before “Xác nhận nộp”."""
    press(driver, "nop")
    press(driver, "xac-nhan-nop")


MARK = "dựa trên số liệu chưa duyệt"
BOARD = "/?don-vi=19831&ky=2027"


def marks(driver):
    return len(driver.find_elements(By.CSS_SELECTOR, "table.targets .draft-mark"))


def main():
    driver = browser()
    try:
        print("1. Tổng quan của phường trước khi nhập: số liệu minh họa coi như đã duyệt")
        login(driver, "phongdinh")
        driver.get(BASE + BOARD)
        check(marks(driver) == 0, "chưa có kết luận nào mang dấu chưa duyệt")
        check("Chỉ tính số liệu đã duyệt" in driver.page_source, "có công tắc chỉ tính số liệu đã duyệt")

        print("2. Phường lưu nháp rồi nộp báo cáo (chưa được duyệt)")
        driver.get(BASE + ENTRY)
        fill(driver, "SO_HO_NGHEO", "30")
        press(driver, "luu")
        driver.get(BASE + BOARD)
        check(marks(driver) > 0, f"số liệu nháp chưa nộp đã mang dấu chưa duyệt ({marks(driver)} kết luận)")
        shot(driver, "01-sau-luu-nhap")
        driver.get(BASE + ENTRY)
        for name in ("THU_NSNN", "VON_DAU_TU", "LAO_DONG_VIEC_LAM", "SO_HO_NGHEO", "TONG_SO_HO", "SO_NGUOI_BHYT",
                     "DAN_SO", "AN_KHAM_PHA", "AN_XAY_RA", "DANG_VIEN_MOI", "HS_DUNG_HAN", "HS_DA_GIAI_QUYET"):
            mark_official(driver, name)
        submit_with_confirmation(driver)
        check("Đã nộp báo cáo" in driver.page_source, "nộp được báo cáo")

        print("3. Tổng quan của phường ghi rõ kết luận dựa trên số liệu chưa duyệt")
        driver.get(BASE + BOARD)
        check(marks(driver) > 0 and MARK in driver.page_source, "có kết luận mang dấu “dựa trên số liệu chưa duyệt”")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".draft-legend")) == 1, "có chú thích dưới bảng")
        shot(driver, "02-tong-quan-co-dau")

        print("4. Bật công tắc: chỉ tính số liệu đã duyệt")
        box = driver.find_element(By.CSS_SELECTOR, "form.filters input[name=duyet]")
        box.click()
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        check("duyet=1" in driver.current_url, "địa chỉ trang giữ công tắc")
        check(marks(driver) == 0 and "Đang chỉ tính số liệu đã duyệt" in driver.page_source,
              "không còn dấu, trang nói đang chỉ tính số liệu đã duyệt")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table.targets .row-links a")]
        check(any("/chi-so/" in href and "duyet=1" in href for href in links), "liên kết sang trang chỉ số giữ công tắc")
        shot(driver, "03-chi-tinh-da-duyet")

        print("5. Thành ủy duyệt; dấu biến mất")
        login(driver, "tonghop")
        driver.get(BASE + ENTRY)
        press(driver, "duyet")
        check("Đã duyệt báo cáo" in driver.page_source, "duyệt được báo cáo")
        driver.get(BASE + BOARD)
        check(marks(driver) == 0, "sau khi duyệt không còn kết luận mang dấu")
        shot(driver, "04-sau-duyet")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
