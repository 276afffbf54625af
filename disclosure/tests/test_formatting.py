from disclosure.formatting import render_body


def test_plain_lines_stay_one_paragraph_and_a_blank_line_starts_the_next():
    assert render_body("第一行\n第二行\n\n第三行") == "<p>第一行<br>第二行</p>\n<p>第三行</p>"


def test_headings_lists_and_bold():
    html = render_body("# 公开要点\n- 收入 **120** 万元\n- 支出\n3. 第三项\n4、第四项")
    assert html == (
        '<h3 class="h5">公开要点</h3>\n'
        "<ul><li>收入 <strong>120</strong> 万元</li><li>支出</li></ul>\n"
        '<ol start="3"><li>第三项</li><li>第四项</li></ol>'
    )


def test_pipe_rows_make_a_table_with_a_header():
    html = render_body("| 项目 | 金额 |\n| --- | --- |\n| 办公费 | 20万 |")
    assert "<thead><tr><th>项目</th><th>金额</th></tr></thead>" in html
    assert "<tbody><tr><td>办公费</td><td>20万</td></tr></tbody>" in html
    assert html.startswith('<div class="table-responsive">')


def test_markup_in_the_text_is_escaped_everywhere():
    html = render_body('<script>x</script>\n# <b>\n- <img src=x onerror=alert(1)>\n| <a href="j"> |\n**<i>**')
    assert "<script" not in html and "<b>" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "<strong>&lt;i&gt;</strong>" in html
