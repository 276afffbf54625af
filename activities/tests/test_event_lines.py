from django.utils import translation

from activities.selectors import EventRow
from activities.templatetags.event_list import event_lines


def event_row(**fields):
    return EventRow(
        **{
            "url": "/activities/7/", "title": "羽毛球赛", "kind": "体育", "details": "2026-12-08 14:00 · 体育馆",
            "my_status": None, "her_place": "",
        }
        | fields
    )  # fmt: skip


def line(title, my_place, kind="体育", details="2026-12-08 14:00 · 体育馆"):
    return (
        '\n  <a class="list-group-item list-group-item-action" href="/activities/7/">'
        '\n    <div class="d-flex w-100 justify-content-between gap-2">'
        f'\n      <h2 class="h6 mb-1">{title}</h2>'
        "\n      <span>"
        f"\n        {my_place}"
        f'\n        <span class="badge text-bg-light">{kind}</span>'
        "\n      </span>"
        "\n    </div>"
        '\n    <div class="small text-body-secondary">'
        f"\n      {details}"
        "\n    </div>"
        "\n  </a>\n  "
    )


def test_event_lines_escape_what_was_typed_and_show_her_sign_up():
    typed = event_row(
        title='<b>"读书"&\'', kind="A<B>", details="礼堂 & <二楼>", my_status="waitlisted", her_place="候补 第<2>位"
    )
    with translation.override("zh-hans"):
        html = event_lines([event_row(), event_row(my_status="registered"), typed])
    assert html == (
        line("羽毛球赛", "")
        + line("羽毛球赛", '<span class="badge text-bg-success" data-testid="my-place">已报名</span>')
        + line(
            "&lt;b&gt;&quot;读书&quot;&amp;&#x27;",
            '<span class="badge text-bg-warning" data-testid="my-place">候补 第&lt;2&gt;位</span>',
            kind="A&lt;B&gt;",
            details="礼堂 &amp; &lt;二楼&gt;",
        )
    )
