import sys, re, html
src = open(sys.argv[1], encoding='utf-8').read().split('\n')
notes = {}
body = []
for line in src:
    line = line.strip()
    if not line: continue
    m = re.match(r'^\[(\d+)\]\s*(.*)$', line)
    if m: notes[m.group(1)] = m.group(2); continue
    body.append(line)
def para(text):
    out = []
    pos = 0
    for m in re.finditer(r'\[(\d+)\]', text):
        out.append(html.escape(text[pos:m.start()]))
        n = m.group(1)
        out.append(f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}</text:note-citation><text:note-body><text:p>{html.escape(notes.get(n, ""))}</text:p></text:note-body></text:note>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return '<text:p>' + ''.join(out) + '</text:p>'
tables = []
rows = []
xml = ['<?xml version="1.0" encoding="UTF-8"?>',
 '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>']
i = 0
while i < len(body):
    line = body[i]
    if line.count('|') >= 2:
        cells_rows = []
        while i < len(body) and body[i].count('|') >= 2:
            cells = [c.strip() for c in body[i].strip('|').split('|')]
            if not all(set(c) <= set('-: ') for c in cells): cells_rows.append(cells)
            i += 1
        ncol = max(len(r) for r in cells_rows)
        xml.append('<table:table>' + f'<table:table-column table:number-columns-repeated="{ncol}"/>')
        for r in cells_rows:
            xml.append('<table:table-row>' + ''.join(f'<table:table-cell office:value-type="string"><text:p>{html.escape(c)}</text:p></table:table-cell>' for c in r) + '</table:table-row>')
        xml.append('</table:table>')
        continue
    xml.append(para(line)); i += 1
xml.append('</office:text></office:body></office:document>')
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(xml))
