#!/usr/bin/env python3
"""A whole reporting cycle in a real browser (headless Chromium driven by Selenium).

A ward officer logs in, enters values (first with a mistake, which the form reports next to the
field), submits; the city reviewer returns the report once with a reason; the officer reads the
reason, corrects and submits again; the reviewer approves; the ward's dashboard shows the new
verdict at once. A screenshot is saved at each step.

Usage: TIENDO_URL=http://127.0.0.1:18080 python3 Tests/browser/reporting_cycle.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import datetime
import io
import re
import sys
import tempfile
import urllib.request
import zipfile

import browser_support as support
from browser_support import browser, check, click_and_wait, login, press, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

BASE = support.setup(18080, "/tmp/tiendo-screens")
ENTRY = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"


def fill(driver, code, text, official=True):
    field = driver.find_element(By.NAME, "v_" + code)
    field.clear()
    field.send_keys(text)
    if official:
        mark_official(driver, code)


def mark_official(driver, code):
    # Select sets the value as a keyboard user would; clicking an <option> opens the drop-down,
    # which can cover the buttons below it and swallow the next click.
    Select(driver.find_element(By.NAME, "s_" + code)).select_by_value("chinhThuc")


def submit_with_confirmation(driver):
    """“Nộp báo cáo” shows the figures again; nothing is submitted before “Xác nhận nộp”."""
    press(driver, "nop")
    check("Xác nhận nộp báo cáo" in driver.page_source and "status-daNop" not in driver.page_source,
          "trang hỏi xác nhận trước khi nộp, chưa nộp")
    press(driver, "xac-nhan-nop")


def fill_template(template, numbers):
    """The template with this period's figures typed into column F (rows 3…), as Excel saves them."""
    source = zipfile.ZipFile(io.BytesIO(template))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                xml = data.decode("utf-8")
                for offset, number in enumerate(numbers):
                    ref = f"F{offset + 3}"
                    xml = re.sub(f'<c r="{ref}"( [^>]*?)?(/>|>.*?</c>)',
                                 lambda m: f'<c r="{ref}"{m.group(1) or ""}><v>{number}</v></c>', xml, count=1)
                data = xml.encode("utf-8")
            target.writestr(item, data)
    return output.getvalue()


def main():
    driver = browser()
    try:
        print("1. Cán bộ phường nhập số liệu, nhập sai một ô")
        login(driver, "phongdinh")
        driver.get(BASE + ENTRY)
        check("Báo cáo kết quả thực hiện chỉ tiêu năm" in driver.page_source, "mở được biểu mẫu")
        fill(driver, "SO_HO_NGHEO", "12a")
        press(driver, "nop")
        error = driver.find_elements(By.ID, "e_SO_HO_NGHEO")
        check(bool(error) and "không phải là số" in error[0].text, "lỗi hiện ngay cạnh ô nhập, bằng tiếng Việt")
        shot(driver, "01-nhap-lieu-co-loi")

        print("2. Sửa lại và nộp")
        fill(driver, "SO_HO_NGHEO", "30")
        for name in ("THU_NSNN", "VON_DAU_TU", "LAO_DONG_VIEC_LAM", "TONG_SO_HO", "SO_NGUOI_BHYT", "DAN_SO",
                     "AN_KHAM_PHA", "AN_XAY_RA", "DANG_VIEN_MOI", "HS_DUNG_HAN", "HS_DA_GIAI_QUYET"):
            mark_official(driver, name)
        submit_with_confirmation(driver)
        check("Đã nộp báo cáo" in driver.page_source, "nộp được báo cáo")
        shot(driver, "02-da-nop")

        print("3. Thành ủy trả lại báo cáo")
        login(driver, "tonghop")
        driver.get(BASE + "/tinh-hinh-nop/CHI-TIEU-NAM?ky=2027")
        check("đã nộp" in driver.page_source, "tình hình nộp báo cáo thấy phường đã nộp")
        shot(driver, "03-tinh-hinh-nop")
        driver.get(BASE + ENTRY)
        driver.find_element(By.NAME, "ly-do").send_keys("Số hộ nghèo chưa khớp danh sách rà soát cuối năm")
        press(driver, "tra-lai")
        check("Đã trả lại báo cáo" in driver.page_source, "trả lại được báo cáo")

        print("4. Phường đọc lý do, sửa, nộp lại")
        login(driver, "phongdinh")
        driver.get(BASE + ENTRY)
        check("Số hộ nghèo chưa khớp danh sách rà soát cuối năm" in driver.page_source, "phường thấy lý do trả lại")
        shot(driver, "04-bi-tra-lai")
        fill(driver, "SO_HO_NGHEO", "25")
        submit_with_confirmation(driver)
        check("Đã nộp báo cáo" in driver.page_source, "nộp lại được")

        print("5. Thành ủy duyệt; tổng quan của phường đổi đánh giá ngay")
        login(driver, "tonghop")
        driver.get(BASE + ENTRY)
        press(driver, "duyet")
        check("Đã duyệt báo cáo" in driver.page_source, "duyệt được báo cáo")
        shot(driver, "05-da-duyet")
        driver.get(BASE + "/?don-vi=19831&ky=2027")
        rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.targets tbody tr")]
        poverty = next((row for row in rows if "hộ nghèo" in row), "")
        check("chưa đạt" not in poverty and "đạt" in poverty, "chỉ tiêu hộ nghèo của phường nay là đạt: " + poverty.replace("\n", " | "))
        shot(driver, "06-tong-quan-phuong")
        driver.get(BASE + "/so-sanh?chi-so=TY_LE_HO_NGHEO&don-vi=46&ky=2027")
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.bars rect")) >= 40, "biểu đồ so sánh có cột cho mọi đơn vị")
        shot(driver, "07-so-sanh")

        print("6. Phường soạn nội dung báo cáo sơ kết và tải bản Word")
        login(driver, "phongdinh")
        driver.get(BASE + "/?don-vi=19831&ky=2027")
        click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Báo cáo: soạn nội dung"))
        highlights = driver.find_element(By.NAME, "ket-qua-noi-bat")
        highlights.clear()
        highlights.send_keys("Thu ngân sách vượt kế hoạch đề ra; cải cách hành chính chuyển biến rõ.")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.narrative-form button[type=submit]"))
        check("Đã lưu nội dung báo cáo." in driver.page_source, "lưu được nội dung báo cáo")
        shot(driver, "08-noi-dung-bao-cao")
        word_href = driver.find_element(By.CSS_SELECTOR, "section.downloads form").get_attribute("action")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        request = urllib.request.Request(word_href + "?don-vi=19831&ky=2027&loai=so-ket&so=15",
                                         headers={"Cookie": cookie})
        with urllib.request.urlopen(request) as response:
            package = response.read()
        with zipfile.ZipFile(io.BytesIO(package)) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
        check("Thu ngân sách vượt kế hoạch đề ra" in body and "Số 15-BC/ĐU" in body,
              "bản Word tải về có nội dung vừa soạn và số văn bản")

        print("7. Kiểm tra số liệu của một báo cáo có mâu thuẫn")
        driver.get(BASE + "/kiem-tra-so-lieu")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as report:
            report.write("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.\n")
        driver.find_element(By.NAME, "tep").send_keys(report.name)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.audit-form button[type=submit]"))
        check("Phát hiện 1 điểm mâu thuẫn" in driver.page_source and "28/38 = 73,68%" in driver.page_source,
              "trang kiểm tra chỉ ra phân số và tỷ lệ không khớp")
        shot(driver, "09-kiem-tra-so-lieu")

        print("8. Phường báo cáo năm 2028 chỉ bằng tệp Excel; Thành ủy duyệt trên web")
        entry_2028 = ENTRY.replace("/2027", "/2028")
        driver.get(BASE + entry_2028)
        template_href = driver.find_element(By.PARTIAL_LINK_TEXT, "Tải mẫu Excel").get_attribute("href")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        with urllib.request.urlopen(urllib.request.Request(template_href, headers={"Cookie": cookie})) as response:
            template = response.read()
        filled = fill_template(template, [255, 1400, 380, 131, 10200, 42300, 44000, 20, 24, 29, 3550, 3620])
        with tempfile.NamedTemporaryFile("wb", suffix=".xlsx", delete=False) as workbook:
            workbook.write(filled)
        driver.find_element(By.NAME, "tep").send_keys(workbook.name)
        driver.find_element(By.NAME, "nop-luon").click()
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.excel-upload button[type=submit]"))
        check("Đã nhập tệp Excel: 12 số liệu mới" in driver.page_source and "Xác nhận nộp báo cáo" in driver.page_source,
              "tệp Excel đã điền được nhận, lưu nháp và hỏi xác nhận nộp")
        shot(driver, "10-nhap-bang-excel")
        press(driver, "xac-nhan-nop")
        check("Đã nộp báo cáo" in driver.page_source, "nộp được báo cáo nhập bằng Excel sau khi xác nhận")
        login(driver, "tonghop")
        driver.get(BASE + entry_2028)
        press(driver, "duyet")
        check("Đã duyệt báo cáo" in driver.page_source and "131" in driver.page_source,
              "Thành ủy duyệt báo cáo nhập bằng Excel")

        print("9. Thành ủy giao nhiệm vụ theo thông báo kết luận; phường báo cáo kèm minh chứng, hoàn thành")
        driver.get(BASE + "/van-ban-chi-dao")
        click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "215-TB/TU"))
        directive_url = driver.current_url
        driver.find_element(By.NAME, "noi-dung").send_keys("Báo cáo kết quả rà soát đảng viên sau sắp xếp")
        Select(driver.find_element(By.NAME, "chu-tri")).select_by_visible_text("Phường Phong Dinh")
        # Coordinating units are checkboxes (a phone cannot hold Ctrl for a multiple select).
        for partner in ("Phường An Cựu", "Phường Kim Long"):
            box = driver.find_element(By.XPATH, f"//label[normalize-space(.)='{partner}']/input[@name='phoi-hop[]']")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        # The server counts days in Vietnam's time (UTC+7); five days ahead is "due soon" on the home page.
        vietnam_today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()
        deadline = (vietnam_today + datetime.timedelta(days=5)).strftime("%d/%m/%Y")
        driver.find_element(By.NAME, "thoi-han").send_keys(deadline)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
        check("Báo cáo kết quả rà soát đảng viên sau sắp xếp" in driver.page_source
              and "Phường An Cựu, Phường Kim Long" in driver.page_source, "giao được nhiệm vụ cho phường, hai đơn vị phối hợp")
        login(driver, "phongdinh")
        check("Báo cáo kết quả rà soát đảng viên sau sắp xếp" in driver.page_source and "còn 5 ngày" in driver.page_source,
              "trang chủ của phường nhắc nhiệm vụ sắp đến hạn")
        click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Báo cáo kết quả rà soát đảng viên sau sắp xếp"))
        driver.find_element(By.NAME, "noi-dung").send_keys("Đã rà soát 412 đảng viên tại 12 chi bộ")
        with tempfile.NamedTemporaryFile("wb", suffix=".pdf", delete=False) as evidence:
            evidence.write(b"%PDF-1.4 bien ban ra soat")
        driver.find_element(By.NAME, "tep").send_keys(evidence.name)
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[enctype] button[type=submit]"))
        check("Đang thực hiện" in driver.page_source and "Minh chứng:" in driver.page_source,
              "phường báo cáo tiến độ kèm tệp minh chứng")
        click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='Đánh dấu hoàn thành']"))
        check("Hoàn thành đúng hạn" in driver.page_source, "phường đánh dấu hoàn thành đúng hạn")
        shot(driver, "11-nhiem-vu")
        login(driver, "tonghop")
        driver.get(directive_url)
        check("2 hoàn thành đúng hạn" in driver.page_source, "Thành ủy thấy nhiệm vụ hoàn thành trên trang văn bản")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
