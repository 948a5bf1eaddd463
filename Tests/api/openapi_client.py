#!/usr/bin/env python3
"""Một kịch bản bên ngoài dùng API của Tiến độ chỉ dựa vào tài liệu OpenAPI.

Kịch bản không biết trước đường dẫn nào: nó đọc /api/v1/openapi.json, tìm các thao tác theo
operationId (getVerdicts, listValues, putValue), dựng đường dẫn và tham số từ tài liệu, rồi đọc kết
quả đánh giá và ghi một số liệu bằng mã truy cập. Chỉ dùng thư viện chuẩn của Python.

    TIENDO_URL=http://127.0.0.1:8080 TIENDO_TOKEN=tdk_… python3 Tests/api/openapi_client.py
"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("TIENDO_URL", "http://127.0.0.1:8080").rstrip("/")
TOKEN = os.environ["TIENDO_TOKEN"]
UNIT, INDICATOR, PERIOD = "19831", "SO_HO_NGHEO", "2027"


def call(method, path, query=None, body=None, token=True):
    url = BASE + path + ("?" + urllib.parse.urlencode(query) if query else "")
    headers = {"Accept": "application/json"}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + TOKEN
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def operation(document, operation_id):
    """(method, path template, operation) of the documented operation."""
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            if op.get("operationId") == operation_id:
                return method.upper(), path, op
    sys.exit(f"Tài liệu OpenAPI không có thao tác {operation_id}.")


def fill(path, op, values):
    """The path with its documented path parameters filled, and the documented query ones."""
    query = {}
    for parameter in op.get("parameters", []):
        if "$ref" in parameter:
            continue
        name = parameter["name"]
        if name not in values:
            if parameter.get("required"):
                sys.exit(f"Thiếu giá trị cho tham số bắt buộc {name}.")
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + name + "}", urllib.parse.quote(str(values[name]), safe=""))
        elif parameter["in"] == "query":
            query[name] = values[name]
    assert "{" not in path, path
    return path, query


def main():
    status, document = call("GET", "/api/v1/openapi.json", token=False)
    assert status == 200, status

    method, path, op = operation(document, "getVerdicts")
    status, verdicts = call(method, *fill(path, op, {"unit": UNIT, "period": PERIOD}))
    assert status == 200, (status, verdicts)
    for resolution in verdicts["resolutions"]:
        print(f"{resolution['symbol']}: {resolution['summary']}")
        for target in resolution["targets"]:
            print(f"  {target['targetNumber']}. {target['verdictName']}: {target['explanation']}")

    method, path, op = operation(document, "listValues")
    status, page = call(method, *fill(path, op, {"unit": UNIT, "indicator": INDICATOR, "period": PERIOD}))
    assert status == 200, (status, page)
    version = page["items"][0]["version"] if page["items"] else None

    method, path, op = operation(document, "putValue")
    assert "requestBody" in op
    path, query = fill(path, op, {"unit": UNIT, "indicator": INDICATOR, "period": PERIOD})
    status, saved = call(method, path, query, {"value": 30, "status": "chinhThuc", "version": version})
    assert status in (200, 201), (status, saved)
    print(f"Đã ghi {INDICATOR} của {UNIT} kỳ {PERIOD}: {saved['value']} (phiên bản {saved['version']}).")

    status, refused = call(method, path, query, {"value": -1, "version": saved["version"]})
    assert status == 422 and refused["error"]["field"] == "value", (status, refused)
    print(f"Số âm bị từ chối: {refused['error']['message']}")


if __name__ == "__main__":
    main()
