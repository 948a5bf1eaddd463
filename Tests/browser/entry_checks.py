#!/usr/bin/env python3
"""Checks at entry in a real browser (headless Chromium driven by Selenium).

The ward officer phongdinh types more poor households than households in the ward for 2027:
the page refuses it, says why next to the figure and asks for a note; with the reason in the
note the figure is saved and marked "khác thường" next to it. The city's reviewer tonghop then
sees it on the period's board of unusual figures ("Số liệu khác thường", on "Tình hình nộp báo
cáo") with the ward's note, and on the ward's report. A screenshot is saved at each step, on a
phone-sized window too.

Usage: TIENDO_URL=http://127.0.0.1:18096 python3 Tests/browser/entry_checks.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import sys

import browser_support as support
from browser_support import browser, check, login, press, shot
from selenium.webdriver.common.by import By

BASE = support.setup(18096, "/tmp/tiendo-entry-checks-screens")
ENTRY = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"
STATUS = "/tinh-hinh-nop/CHI-TIEU-NAM?ky=2027"
REASON = "Tính cả hộ nghèo của hai thôn mới sáp nhập; tổng số hộ chưa cập nhật"


def fill(driver, name, text):
    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def main():
    driver = browser()
    try:
        print("1. Phường nhập số hộ nghèo lớn hơn tổng số hộ: bị từ chối, được hỏi lý do")
        login(driver, "phongdinh")
        driver.get(BASE + ENTRY)
        fill(driver, "v_SO_HO_NGHEO", "12500")
        press(driver, "luu")
        page = driver.page_source
        check("chưa có gì được lưu" in page, "trang nói chưa có gì được lưu")
        errors = driver.find_elements(By.ID, "e_SO_HO_NGHEO")
        check(len(errors) == 1 and "phần không thể lớn hơn tổng" in errors[0].text,
              "lý do hiện ngay dưới ô số hộ nghèo")
        check(driver.find_element(By.ID, "v_SO_HO_NGHEO").get_attribute("aria-invalid") == "true",
              "ô được đánh dấu sai cho trình đọc màn hình")
        check(driver.find_element(By.ID, "v_SO_HO_NGHEO").get_attribute("value") == "12500", "số vừa gõ vẫn còn")
        shot(driver, "01-tu-choi-khac-thuong")

        print("2. Phường ghi chú lý do rồi lưu: số liệu được lưu và đánh dấu")
        fill(driver, "n_SO_HO_NGHEO", REASON)
        press(driver, "luu")
        check("Đã lưu nháp" in driver.page_source, "lưu được khi có ghi chú")
        flags = driver.find_elements(By.CSS_SELECTOR, ".field-flag")
        check(len(flags) == 1 and "đã đánh dấu cho người duyệt" in flags[0].text and REASON in flags[0].text,
              "số liệu được đánh dấu khác thường kèm ghi chú")
        shot(driver, "02-da-luu-co-dau")

        print("3. Thành ủy (người duyệt) thấy số liệu khác thường trên bảng của kỳ")
        login(driver, "tonghop")
        driver.get(BASE + STATUS)
        board = driver.find_elements(By.CSS_SELECTOR, "table.flagged tbody tr")
        check(len(board) == 1, f"bảng số liệu khác thường có 1 dòng ({len(board)})")
        row = board[0].text if board else ""
        check("Phong Dinh" in row and "12.500" in row and REASON in row, "dòng ghi đơn vị, số liệu và lý do")
        check("1 số liệu khác thường" in driver.page_source, "dòng của phường trong bảng nộp báo cáo có nhãn khác thường")
        shot(driver, "03-bang-khac-thuong")
        link = board[0].find_element(By.CSS_SELECTOR, "a") if board else None
        if link is not None:
            support.click_and_wait(driver, link)
            check(len(driver.find_elements(By.CSS_SELECTOR, ".field-flag")) == 1,
                  "mở báo cáo của phường thấy số liệu được đánh dấu")
        driver.set_window_size(390, 1600)
        driver.get(BASE + STATUS)
        shot(driver, "04-bang-khac-thuong-dien-thoai")
        check(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"),
              "trên màn hình điện thoại không phải cuộn ngang")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
