"""Render PDFs in a fresh process and print its resident memory after each, in MB, as JSON:
``python -m unionportal.documents.tests.pdf_memory COUNT``. Every other PDF is rendered in a
new thread, as ``make run`` renders them."""

import json
import os
import sys
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.test_settings")
django.setup()

from unionportal.documents.rendering import PDF  # noqa: E402

HTML = "<html lang='zh'><body><h1>关于开展春节送温暖活动的通知</h1><p>{}</p></body></html>"


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(count):
    samples = []
    for number in range(count):
        html = HTML.format("各工会小组请于1月10日前报送名单。" * (1 + number % 5))
        if number % 2:
            thread = threading.Thread(target=PDF.convert, args=[html])
            thread.start()
            thread.join()
        else:
            PDF.convert(html)
        samples.append(round(resident_mb(), 1))
    print(json.dumps(samples))


if __name__ == "__main__":
    main(int(sys.argv[1]))
