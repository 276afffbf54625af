from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from disclosure.selectors import BoardRow
from disclosure.templatetags.disclosure_board import board_lines, status_badge


def board_row(**fields):
    return BoardRow(
        **{
            "url": "/disclosure/7/", "title": "食堂招标", "status": "published", "status_label": "公示中",
            "days_left": 3, "is_public": True, "published_on": "2026-12-01", "category_name": "招标采购",
        }
        | fields
    )  # fmt: skip


def test_board_lines_escape_what_was_typed_and_badge_each_state():
    typed = board_row(title='<b>"食堂"&\'', category_name="A<B>&类", days_left=None, is_public=False)
    closed = board_row(url="/disclosure/8/", status="closed", status_label="公示期满，<异议>已答复", days_left=None)
    with translation.override("zh-hans"):
        html = board_lines([board_row(), typed, closed])
    assert html == (
        '\n  <a class="list-group-item list-group-item-action" href="/disclosure/7/">'
        '\n    <div class="d-flex justify-content-between gap-2"><span>食堂招标</span><span>'
        '<span class="badge text-bg-success" data-testid="badge-published">公示中 · 剩 3 天</span>'
        "\n</span></div>"
        '\n    <div class="small text-body-secondary">2026-12-01 · 招标采购</div>'
        "\n  </a>\n  "
        '\n  <a class="list-group-item list-group-item-action" href="/disclosure/7/">'
        '\n    <div class="d-flex justify-content-between gap-2">'
        "<span>&lt;b&gt;&quot;食堂&quot;&amp;&#x27;</span><span>"
        '<span class="badge text-bg-success" data-testid="badge-published">公示中</span>'
        ' <span class="badge text-bg-secondary">对内</span>'
        "\n</span></div>"
        '\n    <div class="small text-body-secondary">2026-12-01 · A&lt;B&gt;&amp;类</div>'
        "\n  </a>\n  "
        '\n  <a class="list-group-item list-group-item-action" href="/disclosure/8/">'
        '\n    <div class="d-flex justify-content-between gap-2"><span>食堂招标</span><span>'
        '<span class="badge text-bg-light">公示期满，&lt;异议&gt;已答复</span>'
        "\n</span></div>"
        '\n    <div class="small text-body-secondary">2026-12-01 · 招标采购</div>'
        "\n  </a>\n  "
    )


def test_the_days_left_are_counted_in_the_plural_the_language_has():
    with translation.override("en"):
        assert "1 day left</span>" in status_badge(board_row(days_left=1), 1)
        assert "3 days left</span>" in status_badge(board_row(days_left=3), 3)


def test_an_items_badge_reads_its_label_only_when_it_shows_it():
    # a DisclosureItem's status_label may query its objections: detail.html and work.html show its badge
    class Item(SimpleNamespace):
        @property
        def status_label(self):
            raise AssertionError("the label was read")

    item = Item(status="published", is_public=True, days_left=lambda: 2)
    badge = Template('{% include "disclosure/_badge.html" %}').render(Context({"item": item}))
    assert badge == '<span class="badge text-bg-success" data-testid="badge-published">公示中 · 剩 2 天</span>\n'
