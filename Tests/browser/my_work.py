#!/usr/bin/env python3
"""The reporting calendar and "Việc của tôi" in a real browser (headless Chromium + Selenium).

The city office creates a quarterly form due on a fixed day, with the ward due two working days
earlier; the ward officer finds the quarters it owes on "Việc của tôi" (none before the ward
existed), submits one with the confirmation step; the city reviewer finds it waiting for review
and returns it with a reason; the officer sees the returned report and its reason on the home
page and on "Việc của tôi"; the reviewer reads the timeliness board. A screenshot at each step.

Usage: TIENDO_URL=http://127.0.0.1:18094 python3 Tests/browser/my_work.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import sys

import browser_support as support
from browser_support import browser, check, click_and_wait, login, press, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASE = support.setup(18094, "/tmp/tiendo-screens-viec")
WARD = "19831@2025-07-01"
REASON = "Thu ngân sách quý III chưa khớp số liệu Kho bạc"


def create_form(driver):
    driver.get(BASE + "/bieu-mau")
    driver.find_element(By.NAME, "code").send_keys("QUY-THU")
    driver.find_element(By.NAME, "name").send_keys("Báo cáo thu ngân sách quý")
    Select(driver.find_element(By.NAME, "ky")).select_by_value("quarter")
    Select(driver.find_element(By.NAME, "lich")).select_by_value("statistical")
    Select(driver.find_element(By.NAME, "cach-tinh-han")).select_by_value("ngay-co-dinh")
    days = driver.find_element(By.NAME, "han")
    days.clear()
    days.send_keys("18")
    lead = driver.find_element(By.NAME, "som-hon")
    lead.clear()
    lead.send_keys("2")
    for name, value in (("chi-so", "THU_NSNN"), ("don-vi", WARD)):
        box = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Lưu biểu mẫu']"))


def nav_link(driver):
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "nav a") if a.text.startswith("Việc của tôi")]
    return links[0] if links else None


def main():
    driver = browser()
    try:
        print("1. Văn phòng Thành ủy tạo biểu mẫu quý, hạn ngày 18, cấp xã nộp sớm 2 ngày làm việc")
        login(driver, "tonghop")
        create_form(driver)
        check("Đã lưu biểu mẫu." in driver.page_source, "lưu được biểu mẫu")
        check("ngày 18 sau ngày chốt số liệu; cấp dưới nộp sớm hơn 2 ngày làm việc" in driver.page_source,
              "danh sách biểu mẫu ghi quy tắc hạn nộp")
        shot(driver, "01-bieu-mau-quy")

        print("2. Phường mở Việc của tôi: các quý phải nộp, không có quý trước khi thành lập")
        login(driver, "phongdinh")
        link = nav_link(driver)
        check(link is not None and "(" in link.text, "thanh điều hướng có “Việc của tôi” kèm số việc")
        click_and_wait(driver, link)
        page = driver.page_source
        check("Báo cáo cần nộp" in page, "có phần báo cáo cần nộp")
        check("/nhap-lieu/QUY-THU/19831/2025Q3" in page, "quý III/2025 phải nộp")
        check("/nhap-lieu/QUY-THU/19831/2025Q2" not in page, "quý II/2025 (trước khi phường thành lập) không bị đòi")
        check("quá hạn" in page, "báo cáo quá hạn ghi số ngày quá hạn")
        shot(driver, "02-viec-cua-toi-phuong")
        driver.get(BASE + "/nhap-lieu")
        check("quý I/2025" not in driver.page_source, "trang nhập số liệu không liệt kê quý trước khi phường thành lập")
        check("Kỳ tới — nhập số ước trước" in driver.page_source, "kỳ tới để nhập số ước, không tính chậm")

        print("3. Phường nhập và nộp quý III/2025 (có bước xác nhận)")
        driver.get(BASE + "/nhap-lieu/QUY-THU/19831/2025Q3")
        check("16/10/2025" in driver.page_source, "hạn nộp của phường là 16/10/2025, sớm hơn hạn của tỉnh 18/10")
        field = driver.find_element(By.NAME, "v_THU_NSNN")
        field.clear()
        field.send_keys("212,5")
        Select(driver.find_element(By.NAME, "s_THU_NSNN")).select_by_value("chinhThuc")
        press(driver, "nop")
        press(driver, "xac-nhan-nop")
        check("Đã nộp báo cáo" in driver.page_source, "nộp được báo cáo")

        print("4. Thành ủy thấy báo cáo chờ duyệt và trả lại")
        login(driver, "tonghop")
        driver.get(BASE + "/viec-cua-toi")
        check("Báo cáo chờ tôi duyệt (1)" in driver.page_source, "Việc của tôi có báo cáo chờ duyệt")
        shot(driver, "03-cho-duyet")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/nhap-lieu/QUY-THU/19831/2025Q3']"))
        driver.find_element(By.NAME, "ly-do").send_keys(REASON)
        press(driver, "tra-lai")
        check("Đã trả lại báo cáo" in driver.page_source, "trả lại được báo cáo")

        print("5. Phường thấy báo cáo bị trả lại và lý do ngay trên trang chủ")
        login(driver, "phongdinh")
        driver.get(BASE + "/")
        check(REASON in driver.page_source, "trang chủ của phường nêu báo cáo bị trả lại và lý do")
        home_count = nav_link(driver).text if nav_link(driver) else ""
        shot(driver, "04-trang-chu-bi-tra-lai")
        driver.get(BASE + "/viec-cua-toi")
        check("Báo cáo bị trả lại (1)" in driver.page_source and REASON in driver.page_source,
              "Việc của tôi có báo cáo bị trả lại kèm lý do")
        check(nav_link(driver).text == home_count,
              f"số việc trên trang chủ ({home_count}) bằng số trên trang Việc của tôi ({nav_link(driver).text})")

        print("6. Thành ủy xem bảng tính kịp thời")
        login(driver, "tonghop")
        driver.get(BASE + "/tinh-hinh-nop/QUY-THU?ky=2025Q3")
        page = driver.page_source
        check("Tính kịp thời và đầy đủ" in page, "có bảng tính kịp thời và đầy đủ")
        check(len(driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")) == 1, "có biểu đồ tỷ lệ đúng hạn")
        check("nộp muộn 00" in page or "nộp muộn 01" in page, "tóm tắt kỳ ghi số nộp muộn")
        shot(driver, "05-tinh-kip-thoi")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
