#!/usr/bin/env python3
"""Yêu cầu giải trình in a real browser (headless Chromium + Selenium).

The city reviewer opens the ward's poverty indicator page and asks the ward to explain one
figure, with a due date (an empty question is refused first and nothing is written); the ward
officer finds the request in "Việc của tôi" and on the home page, answers it with a file; the
reviewer sees the answer on the indicator page; the ward's list is then empty. A screenshot at
each step.

Usage: TIENDO_URL=http://127.0.0.1:18091 python3 Tests/browser/explanations.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import datetime
import os
import sys
import tempfile

import browser_support as support
from browser_support import browser, check, click_and_wait, login, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASE = support.setup(18091, "/tmp/tiendo-screens-giai-trinh")
INDICATOR = "/chi-so/SO_HO_NGHEO?don-vi=19831"
QUESTION = "Đề nghị phường giải trình vì sao số hộ nghèo tăng so với năm trước"
ANSWER = "Rà soát lại theo chuẩn nghèo đa chiều mới, có thêm 12 hộ mới phát sinh do thiên tai"


def submit(driver, label):
    click_and_wait(driver, driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']"))


def main():
    driver = browser()
    due = (datetime.date.today() + datetime.timedelta(days=5)).strftime("%d/%m/%Y")
    try:
        print("1. Văn phòng Thành ủy mở trang chỉ số của phường và yêu cầu giải trình một số liệu")
        login(driver, "tonghop")
        driver.get(BASE + INDICATOR)
        link = driver.find_element(By.LINK_TEXT, "Yêu cầu đơn vị giải trình")
        click_and_wait(driver, link)
        check("Yêu cầu giải trình" in driver.find_element(By.TAG_NAME, "h1").text, "mở được mẫu yêu cầu giải trình")
        choice = Select(driver.find_element(By.NAME, "ve"))
        figures = [o for o in choice.options if o.get_attribute("value").startswith("so-lieu:")]
        check(len(figures) > 0, "có thể chọn số liệu một kỳ để yêu cầu giải trình")
        choice.select_by_value(figures[0].get_attribute("value"))
        due_field = driver.find_element(By.NAME, "han")
        due_field.clear()
        due_field.send_keys(due)
        submit(driver, "Gửi yêu cầu giải trình")
        check("Hãy ghi nội dung cần đơn vị giải trình." in driver.page_source, "câu hỏi trống bị từ chối, nói rõ cần sửa gì")
        shot(driver, "01-cau-hoi-trong")
        driver.find_element(By.NAME, "noi-dung").send_keys(QUESTION)
        submit(driver, "Gửi yêu cầu giải trình")
        check(QUESTION in driver.page_source and "Chờ giải trình" in driver.page_source, "đã gửi yêu cầu, trạng thái chờ giải trình")
        shot(driver, "02-da-gui-yeu-cau")

        print("2. Phường thấy yêu cầu trên trang chủ và trong Việc của tôi")
        login(driver, "phongdinh")
        driver.get(BASE + "/")
        check("1 yêu cầu giải trình cần trả lời" in driver.page_source, "trang chủ của phường báo có yêu cầu giải trình")
        driver.get(BASE + "/viec-cua-toi")
        page = driver.page_source
        check("Yêu cầu giải trình cần trả lời (1)" in page and QUESTION in page, "Việc của tôi có yêu cầu giải trình kèm câu hỏi")
        shot(driver, "03-viec-cua-toi-phuong")

        print("3. Phường trả lời giải trình, kèm tệp")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby='giai-trinh'] ul a"))
        driver.find_element(By.NAME, "noi-dung").send_keys(ANSWER)
        with tempfile.NamedTemporaryFile("wb", suffix=".pdf", prefix="danh-sach-ho-ngheo-", delete=False) as f:
            f.write(b"%PDF-1.4\n% danh sach ho ngheo\n")
            path = f.name
        driver.find_element(By.NAME, "tep").send_keys(path)
        submit(driver, "Gửi giải trình")
        page = driver.page_source
        check(ANSWER in page and "Đã giải trình" in page, "đã ghi giải trình, trạng thái đã giải trình")
        check(os.path.basename(path) in page, "tệp đính kèm có trong luồng giải trình")
        shot(driver, "04-da-giai-trinh")
        driver.get(BASE + "/viec-cua-toi")
        check("Yêu cầu giải trình cần trả lời" not in driver.page_source, "Việc của tôi không còn yêu cầu đã trả lời")

        print("4. Văn phòng Thành ủy thấy câu trả lời trên trang chỉ số")
        login(driver, "tonghop")
        driver.get(BASE + INDICATOR)
        page = driver.page_source
        check(ANSWER in page, "trang chỉ số có câu trả lời giải trình của phường")
        check(QUESTION in page, "trang chỉ số có câu hỏi")
        driver.execute_script("document.getElementById('giai-trinh').scrollIntoView()")
        shot(driver, "05-trang-chi-so")
        driver.get(BASE + "/?don-vi=19831")
        rows = [r for r in driver.find_elements(By.CSS_SELECTOR, ".target-explanations") if "Đã giải trình" in r.text]
        check(len(rows) == 1, "dòng chỉ tiêu trên Tổng quan hiện yêu cầu giải trình đã được trả lời")

        print("5. Phường lập báo cáo: câu trả lời được gợi ý cho phần Hạn chế, chỉ lưu khi bấm Lưu")
        login(driver, "phongdinh")
        driver.get(BASE + "/bao-cao?don-vi=19831")
        check("Gợi ý từ các giải trình đã trả lời" in driver.page_source, "trang báo cáo gợi ý bản nháp từ giải trình")
        editor = driver.find_element(By.ID, "p_han-che-nguyen-nhan")
        check(ANSWER not in (editor.get_attribute("value") or ""), "bản nháp không tự đưa vào nội dung báo cáo")
        driver.find_element(By.CSS_SELECTOR, "details.explanation-draft summary").click()
        click_and_wait(driver, driver.find_element(By.LINK_TEXT, "thêm bản nháp vào ô trên"))
        editor = driver.find_element(By.ID, "p_han-che-nguyen-nhan")
        check(ANSWER in (editor.get_attribute("value") or ""), "bấm thêm thì bản nháp vào ô Hạn chế và nguyên nhân")
        check("chưa lưu" in driver.page_source, "trang nói rõ bản nháp chưa được lưu")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", editor)
        shot(driver, "06-bao-cao-ban-nhap")
        os.unlink(path)
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
