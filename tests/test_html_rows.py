from django.utils.safestring import SafeString, mark_safe

from unionportal.html_rows import html_rows


def test_rows_escape_text_as_autoescape_does_and_keep_the_markup_they_are_given():
    html = html_rows(
        '<li title="{title}">{name}{badge}</li>',
        ['<b>"王"&\'', "李四"],
        lambda name: {"title": name, "name": name, "badge": mark_safe("<i>会员</i>") if name == "李四" else ""},
    )
    assert isinstance(html, SafeString)
    assert html == (
        '<li title="&lt;b&gt;&quot;王&quot;&amp;&#x27;">&lt;b&gt;&quot;王&quot;&amp;&#x27;</li>'
        '<li title="李四">李四<i>会员</i></li>'
    )


def test_no_rows_are_no_html():
    assert html_rows("<li>{name}</li>", [], lambda row: {"name": row}) == ""


def test_a_number_is_written_as_text():
    assert html_rows("<td>{count}</td>", [3, 12], lambda n: {"count": n}) == "<td>3</td><td>12</td>"
