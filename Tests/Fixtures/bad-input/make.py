#!/usr/bin/env python3
"""Writes the hostile and broken files that Tiendo's readers must refuse cleanly.

Run from this folder: python3 make.py. The files are committed; this script says how each was
made so the next person can add one. Tests: Tests/TiendoDocumentsTests/HostileFileTests.swift and
Tests/TiendoApplicationTests/FigureFileTests.swift.
"""
import zlib
import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = '</sheetData></worksheet>'


def workbook(name, sheet, extra=()):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        z.writestr('xl/worksheets/sheet1.xml', sheet)
        for path, data in extra:
            z.writestr(path, data)


# Not a workbook at all: a text file named .xlsx, and a legacy-looking binary.
with open('khong-phai-xlsx.xlsx', 'w', encoding='utf-8') as f:
    f.write('Đây là văn bản, không phải bảng tính.\n')
with open('xls-cu.xlsx', 'wb') as f:
    f.write(bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 504)

# ZIP bomb: one part of 300 MB of zeros (deflates to about 300 KB, a ratio near 1000:1).
with zipfile.ZipFile('bom-nen.xlsx', 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr('[Content_Types].xml', CONTENT_TYPES)
    z.writestr('xl/workbook.xml', WORKBOOK)
    z.writestr('xl/_rels/workbook.xml.rels', RELS)
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as part:
        block = b'\0' * (1 << 20)
        for _ in range(300):
            part.write(block)

# External entity (XXE): the sheet asks the parser to read /etc/passwd.
workbook('thuc-the-ngoai.xlsx',
         '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
         + SHEET_HEAD[SHEET_HEAD.index('<worksheet'):] + '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
         + SHEET_TAIL)

# Entity expansion ("billion laughs").
laughs = '<!ENTITY lol0 "lol">' + ''.join(
    f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
workbook('ty-tieng-cuoi.xlsx',
         f'<?xml version="1.0"?><!DOCTYPE x [{laughs}]>'
         + SHEET_HEAD[SHEET_HEAD.index('<worksheet'):] + '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
         + SHEET_TAIL)

# Path traversal: an entry that would land outside any folder it were extracted to.
workbook('duong-dan-ra-ngoai.xlsx', SHEET_HEAD + SHEET_TAIL, extra=[('../../../tmp/tiendo-evil.txt', 'x')])

# A sheet of 1,000,000 rows is made by the test itself (HostileFileTests), since the file would
# weigh several megabytes in the repository.

# Truncated: a real package cut in half.
rows = ''.join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 2001))
workbook('bi-cat-cut.xlsx', SHEET_HEAD + rows + SHEET_TAIL)
with open('bi-cat-cut.xlsx', 'rb') as f:
    data = f.read()
with open('bi-cat-cut.xlsx', 'wb') as f:
    f.write(data[: len(data) // 2])

# CSV files of values.
BOM = '\ufeff'
HEADER = 'ma_don_vi;ma_chi_tieu;ky;gia_tri;tinh_trang;ghi_chu\r\n'
with open('csv-trung-dong.csv', 'w', encoding='utf-8', newline='') as f:
    f.write(BOM + HEADER + '19831;SO_HO_NGHEO;2027;120;Chính thức;\r\n19831;SO_HO_NGHEO;2027;121;Chính thức;\r\n')
with open('csv-chu-trong-o-so.csv', 'w', encoding='utf-8', newline='') as f:
    f.write(BOM + HEADER + '19831;SO_HO_NGHEO;2027;một trăm;Chính thức;\r\n')
with open('csv-so-dem-am.csv', 'w', encoding='utf-8', newline='') as f:
    f.write(BOM + HEADER + '19831;SO_HO_NGHEO;2027;-3;Chính thức;\r\n')
with open('csv-khong-phai-utf8.csv', 'wb') as f:
    f.write(HEADER.encode() + '19831;SO_HO_NGHEO;2027;120;Chính thức;Hộ nghèo\r\n'.encode('cp1258', errors='replace') + b'\xff\xfe\r\n')
