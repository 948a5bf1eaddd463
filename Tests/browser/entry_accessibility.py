#!/usr/bin/env python3
"""The entry page for a ward officer on a desktop (1366 px) and on a phone (390 px), in a real
browser (headless Chromium driven by Selenium).

On each width a script in the page checks every visible control (input, select, textarea,
button): it has an accessible name (a <label>, aria-label, aria-labelledby or title; a button
its text) and its touch target is at least 44 px tall (for a checkbox or radio button, the
label around it). axe-core is not installed on this machine kind, so the check is written out
here. Then the officer submits with the confirmation step, withdraws the report ("Rút lại báo
cáo"), and submits it again. A screenshot is saved at each step.

Usage: TIENDO_URL=http://127.0.0.1:18092 python3 Tests/browser/entry_accessibility.py [screenshot-dir]
The server must run on a freshly loaded demo (`tiendo demo`). Exits non-zero on any failure and
prints "N passed, M failed".
"""
import sys

import browser_support as support
from browser_support import browser, check, click_and_wait, login, press, shot
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = support.setup(18092, "/tmp/tiendo-screens-entry")
ENTRY = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"
MIN_TARGET = 44


# Every visible control without an accessible name, and every one whose target is under 44 px.
AUDIT = r"""
const minimum = arguments[0];
function text(node) { return (node ? node.textContent : '').replace(/\s+/g, ' ').trim(); }
function visible(el) {
  if (el.type === 'hidden') return false;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') return false;
  return el.getClientRects().length > 0;
}
function accessibleName(el) {
  const aria = (el.getAttribute('aria-label') || '').trim();
  if (aria) return aria;
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  const byIds = ids.map(id => text(document.getElementById(id))).join(' ').trim();
  if (byIds) return byIds;
  if (el.labels && el.labels.length) {
    const fromLabels = Array.from(el.labels).map(text).join(' ').trim();
    if (fromLabels) return fromLabels;
  }
  if (el.tagName === 'BUTTON') { const t = text(el); if (t) return t; }
  if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type) && el.value.trim()) return el.value.trim();
  return (el.getAttribute('title') || '').trim();
}
function describe(el) {
  return el.tagName.toLowerCase() + (el.name ? '[name=' + el.name + ']' : '') + (el.id ? '#' + el.id : '')
    + (el.tagName === 'BUTTON' ? ' "' + text(el) + '"' : '');
}
const controls = Array.from(document.querySelectorAll('input, select, textarea, button')).filter(visible);
const unnamed = [];
const small = [];
for (const el of controls) {
  if (!accessibleName(el)) unnamed.push(describe(el));
  let target = el;
  if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) target = el.closest('label');
  const box = target.getBoundingClientRect();
  if (box.height < minimum - 0.5) small.push(describe(el) + ' ' + Math.round(box.height) + 'px');
}
return {count: controls.length, unnamed: unnamed, small: small,
        names: controls.map(accessibleName),
        width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth};
"""


def viewport(driver, width):
    """The page as a device `width` CSS pixels wide sees it (a phone: mobile, touch)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 1800, "deviceScaleFactor": 1, "mobile": width < 700})
    driver.refresh()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState === 'complete'"))


def audit(driver, where):
    result = driver.execute_script(AUDIT, MIN_TARGET)
    check(result["count"] > 0, f"{where}: có {result['count']} ô và nút để kiểm tra")
    check(not result["unnamed"], f"{where}: mọi ô và nút đều có tên đọc được"
          + (" — thiếu: " + ", ".join(result["unnamed"]) if result["unnamed"] else ""))
    check(not result["small"], f"{where}: mọi vùng bấm cao ít nhất {MIN_TARGET} px"
          + (" — nhỏ hơn: " + ", ".join(result["small"]) if result["small"] else ""))
    return result


def main():
    driver = browser()
    try:
        print("1. Trang nhập liệu trên máy tính (1366 px)")
        login(driver, "phongdinh")
        driver.get(BASE + ENTRY)
        viewport(driver, 1366)
        check("Báo cáo kết quả thực hiện chỉ tiêu năm" in driver.page_source, "mở được biểu mẫu")
        result = audit(driver, "1366 px")
        check(any(name.startswith("Trạng thái số liệu – ") for name in result["names"])
              and any(name.startswith("Ghi chú – ") for name in result["names"]),
              "ô trạng thái và ô ghi chú mang tên chỉ tiêu")
        check("Ctrl" not in driver.page_source, "không có hướng dẫn dùng phím Ctrl")
        shot(driver, "01-nhap-lieu-1366")

        print("2. Trang nhập liệu trên điện thoại (390 px)")
        viewport(driver, 390)
        result = audit(driver, "390 px")
        check(result["width"] == 390, f"khung nhìn rộng {result['width']} px")
        check(result["scrollWidth"] <= result["width"] + 1,
              f"trang không tràn ngang ({result['scrollWidth']} px trên {result['width']} px)")
        shot(driver, "02-nhap-lieu-390")

        print("3. Nộp báo cáo: trang hiện lại số liệu để xác nhận")
        driver.find_element(By.NAME, "v_SO_HO_NGHEO").clear()
        driver.find_element(By.NAME, "v_SO_HO_NGHEO").send_keys("30")
        press(driver, "nop")
        source = driver.page_source
        check("Xác nhận nộp báo cáo" in source and "status-chuaNop" in source, "chưa nộp, hỏi xác nhận")
        check(driver.find_element(By.NAME, "v_SO_HO_NGHEO").get_attribute("value") == "30",
              "số vừa nhập được hiện lại")
        audit(driver, "xác nhận, 390 px")
        shot(driver, "03-xac-nhan-nop-390")
        press(driver, "xac-nhan-nop")
        check("Đã nộp báo cáo" in driver.page_source, "nộp được sau khi xác nhận")

        print("4. Rút lại báo cáo đã nộp (chưa duyệt)")
        viewport(driver, 1366)
        audit(driver, "đã nộp, 1366 px")
        check(bool(driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=rut-lai]")), "có nút “Rút lại báo cáo”")
        shot(driver, "04-da-nop")
        press(driver, "rut-lai")
        check("Đã rút lại báo cáo" in driver.page_source, "rút lại được báo cáo")
        field = driver.find_element(By.NAME, "v_SO_HO_NGHEO")
        check(field.get_attribute("readonly") is None and field.get_attribute("value") == "30",
              "số liệu sửa được lại, vẫn giữ số đã nộp")
        shot(driver, "05-da-rut-lai")

        print("5. Nộp lại")
        field.clear()
        field.send_keys("28")
        press(driver, "nop")
        check("Xác nhận nộp báo cáo" in driver.page_source, "hỏi xác nhận lần nữa")
        press(driver, "xac-nhan-nop")
        check("Đã nộp báo cáo" in driver.page_source, "nộp lại được")
        check(driver.find_element(By.NAME, "v_SO_HO_NGHEO").get_attribute("value") == "28", "số đã nộp là 28")
        shot(driver, "06-nop-lai")

        print("6. Thành ủy xem báo cáo đã nộp (ô duyệt, trả lại) và trang giao nhiệm vụ trên điện thoại")
        login(driver, "tonghop")
        driver.get(BASE + ENTRY)
        viewport(driver, 390)
        audit(driver, "duyệt báo cáo, 390 px")
        shot(driver, "07-duyet-390")
        press(driver, "duyet")
        check("Đã duyệt báo cáo" in driver.page_source, "duyệt được báo cáo")
        driver.get(BASE + "/van-ban-chi-dao")
        click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "215-TB/TU"))
        check("Ctrl" not in driver.page_source and not driver.find_elements(By.CSS_SELECTOR, "select[multiple]"),
              "giao nhiệm vụ không cần phím Ctrl: đơn vị phối hợp là các ô đánh dấu")
        result = audit(driver, "giao nhiệm vụ, 390 px")
        check(result["scrollWidth"] <= result["width"] + 1,
              f"trang văn bản không tràn ngang ({result['scrollWidth']} px trên {result['width']} px)")
        form = driver.find_element(By.CSS_SELECTOR, "fieldset.choice-list")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", form)
        shot(driver, "08-giao-nhiem-vu-390")

        print("7. Báo cáo đã duyệt thì phường không rút lại được")
        login(driver, "phongdinh")
        driver.get(BASE + ENTRY)
        check("status-daDuyet" in driver.page_source
              and not driver.find_elements(By.CSS_SELECTOR, "button[name=action][value=rut-lai]"),
              "không còn nút “Rút lại báo cáo” khi đã duyệt")
    finally:
        driver.quit()
    return support.summary()


if __name__ == "__main__":
    sys.exit(main())
