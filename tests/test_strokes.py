"""姓氏笔画 order (unionportal/strokes.py), the one order of the delegate roster and the printed member roster."""

from unionportal.strokes import FIRST_STROKE, in_stroke_order, stroke_count, stroke_key, surname_of


def ordered(*names):
    return in_stroke_order(names, name=lambda name: name)


def test_fewer_surname_strokes_come_first():
    # 丁 2 strokes, 王 4, 张 7, 黄 11
    assert ordered("黄敏", "张伟", "王芳", "丁磊") == ["丁磊", "王芳", "张伟", "黄敏"]


def test_equal_counts_follow_the_first_stroke_heng_shu_pie_dian_zhe():
    # five strokes each: 石 横, 田 竖, 白 撇, 冯 点, 司 折 (not the code point order 冯 司 田 白 石)
    assert ordered("司立", "冯军", "白雪", "田野", "石磊") == ["石磊", "田野", "白雪", "冯军", "司立"]


def test_a_character_of_unknown_first_stroke_follows_the_known_ones_of_its_count():
    assert stroke_count("乍") == 5 and "乍" not in FIRST_STROKE
    assert ordered("乍某", "司立", "石磊") == ["石磊", "司立", "乍某"]


def test_same_surname_is_ordered_by_the_given_name_in_pinyin_then_strokes():
    assert ordered("王五", "王二", "王安") == ["王安", "王二", "王五"]
    # 芳 and 方 read alike: 方 has 4 strokes, 芳 7
    assert ordered("王芳", "王方") == ["王方", "王芳"]


def test_compound_surnames_keep_people_of_one_surname_together():
    assert surname_of("欧阳修") == "欧阳" and surname_of("司马光") == "司马" and surname_of("欧阳") == "欧"
    # 欧 has 8 strokes like 林 (both 横 first, then pinyin); 欧阳 follows every 欧, 司马 every 司
    assert ordered("欧阳修", "欧明", "林立", "司马光", "司立") == ["司立", "司马光", "林立", "欧明", "欧阳修"]


def test_names_without_stroke_counts_come_last_by_pinyin():
    assert stroke_count("㐀") is None and stroke_count("A") is None
    assert ordered("㐀某", "Bob", "龘某", "籍贯", "anna") == ["籍贯", "龘某", "anna", "Bob", "㐀某"]


def test_table_counts_of_common_surnames_and_rare_characters():
    assert {char: stroke_count(char) for char in "丁王李张陈刘黄魏乌范龘"} == {
        "丁": 2, "王": 4, "李": 7, "张": 7, "陈": 7, "刘": 6, "黄": 11, "魏": 17, "乌": 4, "范": 8, "龘": 48,
    }  # fmt: skip


def test_every_surname_with_a_first_stroke_has_a_count():
    assert all(stroke_count(char) for char in FIRST_STROKE)


def test_stroke_key_ignores_surrounding_spaces():
    assert stroke_key(" 王芳 ") == stroke_key("王芳")
